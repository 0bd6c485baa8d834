import { SegmentedControl } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isLanguage } from "../i18n/language";
import { useLanguage } from "../i18n/use-language";
import { useTRPC } from "../trpc";
import { useOptionalUser } from "./session";

/** Switches the UI language; for a signed-in user it is also saved to the account. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const user = useOptionalUser();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saveLocale = useMutation(
    trpc.users.setLocale.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), (me) => (me ? { ...me, user: saved } : me));
      },
      onError: (error) =>
        notifications.show({ color: "red", title: t("language.saveFailed"), message: error.message }),
    }),
  );

  return (
    <SegmentedControl
      size="xs"
      aria-label={t("language.label")}
      value={language}
      onChange={(value) => {
        if (!isLanguage(value)) return;
        void setLanguage(value);
        if (user && user.locale !== value) saveLocale.mutate({ locale: value });
      }}
      data={[
        { value: "en", label: t("language.en") },
        { value: "ja", label: t("language.ja") },
      ]}
    />
  );
}
