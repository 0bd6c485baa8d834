import { Button, Divider, Group, Modal, PasswordInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { PASSWORD_MIN_LENGTH } from "@pitchside/shared";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { hasFieldErrors } from "../api-errors";
import type { UserRow } from "../api-types";
import { useTRPC } from "../trpc";
import { ErrorAlert, useFieldErrors } from "../ui/error-alert";
import { LinkToCopy } from "./link-to-copy";

export function ResetPasswordModal(props: { user: UserRow; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldErrors = useFieldErrors();
  const form = useForm({
    initialValues: { password: "" },
    validate: {
      password: (v) =>
        v.length >= PASSWORD_MIN_LENGTH
          ? null
          : t("admin.users.passwordTooShort", { min: PASSWORD_MIN_LENGTH }),
    },
  });
  const reset = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: () => {
        notifications.show({
          color: "green",
          message: t("admin.users.passwordResetNotice", { name: props.user.name }),
        });
        props.onClose();
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );

  return (
    <Modal opened onClose={props.onClose} title={t("admin.users.resetTitle", { name: props.user.name })}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => reset.mutate({ id: props.user.id, password: v.password }))}
      >
        <Stack>
          <Text size="sm">{t("admin.users.resetWarning")}</Text>
          {reset.error && !hasFieldErrors(reset.error) && (
            <ErrorAlert title={t("admin.users.saveFailed")} error={reset.error} />
          )}
          <PasswordInput
            label={t("admin.users.newPassword")}
            description={t("admin.users.passwordHelp", { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            data-autofocus
            {...form.getInputProps("password")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="red" loading={reset.isPending}>
              {t("admin.users.resetSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
      <Divider my="md" />
      <ResetLink user={props.user} />
    </Modal>
  );
}

/** A link with which the user chooses a password themselves: single-use, for an hour, shown once. */
function ResetLink({ user }: { user: UserRow }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const create = useMutation(trpc.passwordReset.createLink.mutationOptions());
  if (create.data) {
    return <LinkToCopy link={create.data.link} help={t("admin.resetLink.linkHelp", { name: user.name })} />;
  }
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm">{t("admin.resetLink.orLink")}</Text>
      {create.error && <ErrorAlert title={t("admin.resetLink.failed")} error={create.error} />}
      <Button variant="light" loading={create.isPending} onClick={() => create.mutate({ userId: user.id })}>
        {t("admin.resetLink.copyLink")}
      </Button>
    </Stack>
  );
}
