import { Badge, Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { UserRow } from "../api-types";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { useErrorMessage } from "../ui/error-alert";

/** A deactivated user's status cell: a badge no one reads past, and since when. */
export function DeactivatedStatus({ since }: { since: string }) {
  const { t } = useTranslation("people");
  const format = useFormat();
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color="red" variant="light" tt="none">
        {t("users.deactivated")}
      </Badge>
      <Text size="xs" c="dimmed">
        {t("users.deactivatedOn", { date: format.date(since) })}
      </Text>
    </Group>
  );
}

/** Lets a deactivated user sign in again (their old sessions and tokens stay ended). */
export function ReactivateButton({ user }: { user: UserRow }) {
  const { t } = useTranslation("people");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorMessage();
  const enable = useMutation(
    trpc.users.enable.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.users.list.pathFilter());
        notifications.show({ color: "green", message: t("users.reactivated", { name: user.name }) });
      },
      onError: (error) =>
        notifications.show({
          color: "red",
          title: t("users.reactivateFailed", { name: user.name }),
          message: message(error),
        }),
    }),
  );
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Button
        size="xs"
        variant="subtle"
        loading={enable.isPending}
        onClick={() => enable.mutate({ id: user.id })}
        aria-label={t("users.reactivateNamed", { name: user.name })}
      >
        {t("users.reactivate")}
      </Button>
    </Group>
  );
}
