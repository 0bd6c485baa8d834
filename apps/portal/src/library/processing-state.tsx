import { Alert, Button, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import type { AssetVersion } from "./library-types";

/** A failure with its reason and, for curators, a retry: extraction runs again, then the pages. */
function FailureAlert({
  title,
  reason,
  versionId,
  canRetry,
}: {
  title: string;
  reason: string | null;
  versionId: string;
  canRetry: boolean;
}) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.assets.retryProcessing.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.assets.get.queryKey() }),
    }),
  );
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{reason ?? t("processing.noReason")}</Text>
        {canRetry && (
          <Button
            size="xs"
            variant="white"
            color="red"
            loading={retry.isPending}
            onClick={() => retry.mutate({ versionId })}
          >
            {t("processing.retry")}
          </Button>
        )}
        {retry.isError && <ErrorAlert title={t("processing.retryFailed")} error={retry.error} />}
      </Stack>
    </Alert>
  );
}

/** A version still being processed, or one that failed with its reason and a retry for curators. */
export function ProcessingState({ version, canRetry }: { version: AssetVersion; canRetry: boolean }) {
  const { t } = useTranslation("library");
  if (version.processingState === "pending") {
    return (
      <Alert color="blue" variant="light" title={t("processing.pendingTitle")}>
        {t("processing.pending")}
      </Alert>
    );
  }
  if (version.processingState !== "failed") return null;
  return (
    <FailureAlert
      title={t("processing.failedTitle")}
      reason={version.processingError}
      versionId={version.id}
      canRetry={canRetry}
    />
  );
}

/**
 * Why a document has no page preview, for curators: LibreOffice missing on the server, or the
 * conversion's failure with a retry. A failed extraction is ProcessingState's to tell.
 */
export function RenditionState({ version }: { version: AssetVersion }) {
  const { t } = useTranslation("library");
  if (version.renditionState === "unavailable") {
    return (
      <Text size="sm" c="dimmed" ta="center">
        {t("preview.unavailable")}
      </Text>
    );
  }
  if (version.renditionState !== "failed" || version.processingState === "failed") return null;
  return (
    <FailureAlert
      title={t("preview.failedTitle")}
      reason={version.renditionError}
      versionId={version.id}
      canRetry
    />
  );
}
