import { Alert, Anchor, Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import type { AssetDetail, AssetVersion } from "./library-types";

const sizeUnits = ["B", "KB", "MB", "GB"];
function fileSize(bytes: number, number: (n: number) => string) {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < sizeUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${number(Math.round(value * 10) / 10)} ${sizeUnits[unit]}`;
}

/** A version still being processed, or one that failed with its reason and a retry for curators. */
export function ProcessingState({ version, canRetry }: { version: AssetVersion; canRetry: boolean }) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.assets.retryProcessing.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.assets.get.queryKey() }),
    }),
  );
  if (version.processingState === "pending") {
    return (
      <Alert color="blue" variant="light" title={t("processing.pendingTitle")}>
        {t("processing.pending")}
      </Alert>
    );
  }
  if (version.processingState !== "failed") return null;
  return (
    <Alert color="red" variant="light" title={t("processing.failedTitle")} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{version.processingError ?? t("processing.noReason")}</Text>
        {canRetry && (
          <Button
            size="xs"
            variant="white"
            color="red"
            loading={retry.isPending}
            onClick={() => retry.mutate({ versionId: version.id })}
          >
            {t("processing.retry")}
          </Button>
        )}
        {retry.isError && <ErrorAlert title={t("processing.retryFailed")} error={retry.error} />}
      </Stack>
    </Alert>
  );
}

/** Every version the caller may see, newest first, each downloadable. */
export function VersionsList({ asset }: { asset: AssetDetail }) {
  const { t } = useTranslation("library");
  const format = useFormat();
  return (
    <Stack gap="xs">
      {asset.versions.map((v) => (
        <Group key={v.id} justify="space-between" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Group gap={6}>
              <Text size="sm" fw={500}>
                {t("versions.number", { number: v.number })}
              </Text>
              {v.id === asset.currentVersionId && (
                <Badge size="xs" variant="light">
                  {t("versions.current")}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" truncate>
              {[v.fileName, v.size != null ? fileSize(v.size, format.number) : null, format.date(v.createdAt)]
                .filter(Boolean)
                .join(" · ")}
            </Text>
          </Stack>
          {v.downloadUrl && (
            <Anchor href={v.downloadUrl} size="sm" download style={{ whiteSpace: "nowrap", flexShrink: 0 }}>
              {t("versions.download")}
            </Anchor>
          )}
        </Group>
      ))}
    </Stack>
  );
}
