import { Alert, type AlertProps, Button, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type ErrorReason, fieldErrors, isApiError } from "../api-errors";
import type en from "../i18n/en.json";

type ApiErrorKey = `apiErrors.${keyof (typeof en)["apiErrors"]}`;

/**
 * The UI's words, in the user's language, for a reason the server named; undefined when the catalog
 * has none (then the server's English message is shown). A `kind` param picks the string's variant
 * where there is one (i18next context: `passwordWeak_simpleRepeat`), else the plain string.
 */
export function useReasonText() {
  const { t, i18n } = useTranslation();
  return ({ reason, params = {} }: ErrorReason): string | undefined => {
    const key = `apiErrors.${reason}`;
    if (!reason || !i18n.exists(key)) return undefined;
    const kind = typeof params.kind === "string" ? params.kind : undefined;
    return t(key as ApiErrorKey, { ...params, context: kind });
  };
}

/** The server's message when it answered (in the UI's words when it named a reason); "could not reach" otherwise. */
export function useErrorMessage() {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  return (error: unknown) =>
    isApiError(error) && error.data ? (reasonText(error.data) ?? error.message) : t("errors.noAnswer");
}

/** `fieldErrors` with the UI's words for the reasons the server named. */
export function useFieldErrors() {
  const reasonText = useReasonText();
  return (error: unknown) => fieldErrors(error, reasonText);
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
