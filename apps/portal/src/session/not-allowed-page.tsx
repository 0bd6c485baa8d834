import { Button, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../ui/page-header";
import { useCurrentUser } from "./session";

export function NotAllowedPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <Stack align="flex-start">
      <PageHeader title={t("notAllowed.title")} />
      <Text>{t("notAllowed.body", { role: t(`roles.${user.role}`) })}</Text>
      <Button component={Link} to="/" variant="light">
        {t("common.goHome")}
      </Button>
    </Stack>
  );
}
