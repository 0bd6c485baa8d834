import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** Revoke, after asking: a single link or a whole deal room stops working at once. */
export function RevokeAction({ kind, id, name }: { kind: "share" | "room"; id: string; name: string }) {
  const { t } = useTranslation("links");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const onSuccess = async () => {
    setAsking(false);
    notifications.show({ color: "green", message: t("actions.revoked") });
    await Promise.all([
      queryClient.invalidateQueries(trpc.shares.pathFilter()),
      queryClient.invalidateQueries(trpc.rooms.pathFilter()),
    ]);
  };
  const share = useMutation(trpc.shares.revoke.mutationOptions({ onSuccess }));
  const room = useMutation(trpc.rooms.revoke.mutationOptions({ onSuccess }));
  const revoke = kind === "room" ? room : share;
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        onClick={() => setAsking(true)}
        aria-label={t("actions.revokeNamed", { name })}
      >
        {t("actions.revoke")}
      </Button>
      <ConfirmDialog
        opened={asking}
        title={kind === "room" ? t("actions.revokeRoomTitle") : t("actions.revokeTitle")}
        message={kind === "room" ? t("actions.revokeRoomBody", { name }) : t("actions.revokeBody", { name })}
        confirmLabel={t("actions.revoke")}
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate({ id })}
        onCancel={() => {
          revoke.reset();
          setAsking(false);
        }}
      />
    </>
  );
}
