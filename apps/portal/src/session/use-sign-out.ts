import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { errorCode } from "../api-errors";
import { useTRPC } from "../trpc";

export function useSignOut() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const leave = () => {
    queryClient.clear(); // nothing of this user's data stays in memory for the next one
    void navigate("/sign-in", { replace: true });
  };
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: leave,
      onError: (error) => {
        if (errorCode(error) === "UNAUTHORIZED")
          leave(); // the session had already ended
        else notifications.show({ color: "red", title: t("auth.signOutFailed"), message: error.message });
      },
    }),
  );
}
