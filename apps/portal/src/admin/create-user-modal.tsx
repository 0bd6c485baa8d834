import { Button, Group, Modal, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { looksLikeEmail, PASSWORD_MIN_LENGTH, type Role } from "@pitchside/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { hasFieldErrors } from "../api-errors";
import type { Team } from "../api-types";
import { useTRPC } from "../trpc";
import { ErrorAlert, useFieldErrors } from "../ui/error-alert";
import { NO_TEAM, RoleSelect, TeamSelect, teamIdFromField } from "./user-fields";

export function CreateUserModal(props: { opened: boolean; teams: Team[]; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldErrors = useFieldErrors();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: "", email: "", role: "rep" as Role, teamId: NO_TEAM, password: "" },
    validate: {
      name: (v) => (v.trim() ? null : t("admin.users.nameRequired")),
      email: (v) => (looksLikeEmail(v) ? null : t("admin.users.emailInvalid")),
      password: (v) =>
        v.length >= PASSWORD_MIN_LENGTH
          ? null
          : t("admin.users.passwordTooShort", { min: PASSWORD_MIN_LENGTH }),
    },
  });
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async (user) => {
        await queryClient.invalidateQueries(trpc.users.list.pathFilter());
        notifications.show({ color: "green", message: t("admin.users.createdNotice", { name: user.name }) });
        close();
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );
  const close = () => {
    form.reset();
    create.reset();
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={close} title={t("admin.users.createTitle")} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          create.mutate({
            name: v.name.trim(),
            email: v.email.trim(),
            role: v.role,
            teamId: teamIdFromField(v.teamId),
            password: v.password,
          }),
        )}
      >
        <Stack>
          {create.error && !hasFieldErrors(create.error) && (
            <ErrorAlert title={t("admin.users.createFailed")} error={create.error} />
          )}
          <TextInput label={t("admin.users.name")} required data-autofocus {...form.getInputProps("name")} />
          <TextInput
            label={t("admin.users.email")}
            type="email"
            autoComplete="off"
            required
            {...form.getInputProps("email")}
          />
          <RoleSelect {...form.getInputProps("role")} value={form.values.role} required />
          <TeamSelect teams={props.teams} {...form.getInputProps("teamId")} />
          <PasswordInput
            label={t("admin.users.initialPassword")}
            description={t("admin.users.passwordHelp", { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("admin.users.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
