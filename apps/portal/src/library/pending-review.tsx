import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import type { AssetDetail } from "./library-types";

/**
 * A new version of a published asset waiting for a second marketer: what changed, and Approve.
 * The API refuses the marketer who made the change, and the refusal is shown as it says it.
 */
export function PendingReview({ asset }: { asset: AssetDetail }) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const approve = useMutation(
    trpc.assets.approveVersion.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.assets.get.queryKey({ id: asset.id }) }),
          queryClient.invalidateQueries({ queryKey: trpc.search.query.queryKey() }),
        ]),
    }),
  );
  const pending = asset.versions.find((v) => v.id === asset.pendingVersionId);
  if (!pending) return null;
  const live = asset.versions.find((v) => v.id === asset.currentVersionId);
  return (
    <Alert color="yellow" variant="light" title={t("review.title")} data-testid="pending-review">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {live
            ? t("review.pending", { number: pending.number, live: live.number })
            : t("review.pendingNoLive", { number: pending.number })}
        </Text>
        {pending.changeNote && (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {t("versions.changeNote", { note: pending.changeNote })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t("review.by", { when: format.dateTime(pending.createdAt) })}
        </Text>
        <Group>
          <Button
            size="xs"
            onClick={() => approve.mutate({ versionId: pending.id })}
            loading={approve.isPending}
          >
            {t("review.approve")}
          </Button>
        </Group>
        {approve.isError && <ErrorAlert title={t("review.failed")} error={approve.error} w="100%" />}
      </Stack>
    </Alert>
  );
}
