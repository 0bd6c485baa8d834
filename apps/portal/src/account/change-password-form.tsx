import { Button, PasswordInput, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { PASSWORD_MIN_LENGTH } from "@pitchside/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { hasFieldErrors } from "../api-errors";
import { useTRPC } from "../trpc";
import { ErrorAlert, useFieldErrors } from "../ui/error-alert";
import { AccountCard } from "./account-card";

/** The signed-in user's own password: the current one, then the new one twice. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldErrors = useFieldErrors();
  const form = useForm({
    initialValues: { currentPassword: "", password: "", confirm: "" },
    validate: {
      currentPassword: (v) => (v ? null : t("account.password.currentRequired")),
      password: (v) =>
        v.length >= PASSWORD_MIN_LENGTH
          ? null
          : t("admin.users.passwordTooShort", { min: PASSWORD_MIN_LENGTH }),
      confirm: (v, values) => (v === values.password ? null : t("account.password.mismatch")),
    },
  });
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: async () => {
        form.reset();
        notifications.show({ color: "green", message: t("account.password.changed") });
        // the extension tokens listed below have just been revoked
        await queryClient.invalidateQueries(trpc.tokens.list.pathFilter());
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );

  return (
    <AccountCard id="account-password" title={t("account.password.title")} help={t("account.password.help")}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          change.mutate({ currentPassword: v.currentPassword, password: v.password }),
        )}
      >
        <Stack gap="sm" maw={420}>
          {change.error && !hasFieldErrors(change.error) && (
            <ErrorAlert title={t("account.password.failed")} error={change.error} />
          )}
          <PasswordInput
            label={t("account.password.current")}
            autoComplete="current-password"
            required
            {...form.getInputProps("currentPassword")}
          />
          <PasswordInput
            label={t("account.password.new")}
            description={t("account.password.newHelp", { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <PasswordInput
            label={t("account.password.confirm")}
            autoComplete="new-password"
            required
            {...form.getInputProps("confirm")}
          />
          <Button type="submit" loading={change.isPending} style={{ alignSelf: "flex-start" }}>
            {t("account.password.submit")}
          </Button>
        </Stack>
      </form>
    </AccountCard>
  );
}
