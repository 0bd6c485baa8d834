import { Button, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../ui/page-header";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <PageHeader title={t("notFound.title")} />
      <Text>{t("notFound.body")}</Text>
      <Button component={Link} to="/" variant="light">
        {t("common.goHome")}
      </Button>
    </Stack>
  );
}
