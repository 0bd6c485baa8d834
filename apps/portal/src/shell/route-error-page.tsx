import { Alert, Button, Container, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";

/** A page that failed to load or render (often a stale chunk after a deploy): offer a reload. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <Alert color="red" title={t("routeError.title")} role="alert">
        <Stack align="flex-start" gap="sm">
          <Text size="sm">{error instanceof Error ? error.message : t("routeError.body")}</Text>
          <Button size="xs" color="red" variant="white" onClick={() => window.location.reload()}>
            {t("routeError.reload")}
          </Button>
        </Stack>
      </Alert>
    </Container>
  );
}
