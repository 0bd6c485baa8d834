import { Alert, Anchor, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorMessage } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";

/**
 * Why an invitation or reset link does not open (used, expired, withdrawn, not valid: the server's
 * reason, or no token in the URL at all), and the way out.
 */
export function UnusableLink({ title, error }: { title: string; error?: unknown }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Stack>
      <PageHeader title={title} />
      <Alert color="red" variant="light" title={t("accountLink.unusable")} role="alert">
        {error === undefined ? t("apiErrors.linkInvalid") : message(error)}
      </Alert>
      <Anchor component={Link} to="/sign-in" size="sm">
        {t("accountLink.toSignIn")}
      </Anchor>
    </Stack>
  );
}
