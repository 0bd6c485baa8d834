import { Alert, type AlertProps, Button, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api-errors";

/** The server's own message when it answered; a plain "could not reach" otherwise. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown) => (isApiError(error) && error.data ? error.message : t("errors.noAnswer"));
}

interface ErrorAlertProps extends Omit<AlertProps, "title" | "children"> {
  title: string;
  error: unknown;
  onRetry?: () => void;
}

export function ErrorAlert({ title, error, onRetry, ...props }: ErrorAlertProps) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Alert color="red" variant="light" title={title} role="alert" {...props}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
