import { PasswordInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { PASSWORD_MIN_LENGTH } from "@pitchside/shared";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

export interface NewPasswordValues {
  password: string;
  confirm: string;
}

/** The checks the browser can make before the server judges the password's strength. */
export function newPasswordRules(t: TFunction) {
  return {
    password: (v: string) =>
      v.length >= PASSWORD_MIN_LENGTH
        ? null
        : t("admin.users.passwordTooShort", { min: PASSWORD_MIN_LENGTH }),
    confirm: (v: string, values: NewPasswordValues) =>
      v === values.password ? null : t("accountLink.mismatch"),
  };
}

/** A new password, typed twice. */
export function NewPasswordFields<T extends NewPasswordValues>({ form }: { form: UseFormReturnType<T> }) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t("accountLink.password")}
        description={t("accountLink.passwordHelp", { min: PASSWORD_MIN_LENGTH })}
        autoComplete="new-password"
        required
        {...form.getInputProps("password")}
      />
      <PasswordInput
        label={t("accountLink.confirm")}
        autoComplete="new-password"
        required
        {...form.getInputProps("confirm")}
      />
    </>
  );
}
