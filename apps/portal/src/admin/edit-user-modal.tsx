import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { Role } from "@pitchside/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { fieldErrors, hasFieldErrors } from "../api-errors";
import type { Team, UserRow } from "../api-types";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { NO_TEAM, RoleSelect, TeamSelect, teamIdFromField } from "./user-fields";

/** Name, role and team of one user. Mounted per user, so the form starts from that user's values. */
export function EditUserModal(props: { user: UserRow; isSelf: boolean; teams: Team[]; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      name: props.user.name,
      role: props.user.role as Role,
      teamId: props.user.teamId ?? NO_TEAM,
    },
    validate: { name: (v) => (v.trim() ? null : t("admin.users.nameRequired")) },
  });
  const update = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: async (user) => {
        await queryClient.invalidateQueries(trpc.users.list.pathFilter());
        if (props.isSelf) await queryClient.invalidateQueries(trpc.auth.me.pathFilter());
        notifications.show({ color: "green", message: t("admin.users.savedNotice", { name: user.name }) });
        props.onClose();
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );

  return (
    <Modal opened onClose={props.onClose} title={t("admin.users.editTitle", { name: props.user.name })}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          update.mutate({
            id: props.user.id,
            name: v.name.trim(),
            // an admin cannot demote themselves from here: it would lock them out of this page
            ...(props.isSelf ? {} : { role: v.role }),
            teamId: teamIdFromField(v.teamId),
          }),
        )}
      >
        <Stack>
          {update.error && !hasFieldErrors(update.error) && (
            <ErrorAlert title={t("admin.users.saveFailed")} error={update.error} />
          )}
          <TextInput label={t("admin.users.name")} required data-autofocus {...form.getInputProps("name")} />
          <RoleSelect
            {...form.getInputProps("role")}
            value={form.values.role}
            disabled={props.isSelf}
            description={props.isSelf ? t("admin.users.ownRole") : undefined}
          />
          <TeamSelect teams={props.teams} {...form.getInputProps("teamId")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
