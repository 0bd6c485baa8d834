import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import type { SessionUser } from "../api-types";
import { isLanguage } from "../i18n/language";
import { useLanguage } from "../i18n/use-language";
import { homePathFor } from "../shell/navigation";
import { useTRPC } from "../trpc";

/** After the server set the session cookie (sign-in, an accepted invitation, a reset): into the app. */
export function useSignedIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { setLanguage } = useLanguage();
  return async (user: SessionUser, to?: string) => {
    queryClient.clear(); // nothing from a previous user survives
    queryClient.setQueryData(trpc.auth.me.queryKey(), { user, via: "session" as const });
    if (isLanguage(user.locale)) await setLanguage(user.locale);
    await navigate(to ?? homePathFor(user.role), { replace: true });
  };
}
