import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import type { AssetStatus } from "@pitchside/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { useFacetLabel } from "./facet-labels";
import type { AssetDetail } from "./library-types";

/** The moves each status offers, in the order the buttons appear (the API allows the same). */
const moves: Record<AssetStatus, { to: AssetStatus; label: "submit" | "publish" | "archive" | "toDraft" }[]> =
  {
    draft: [
      { to: "in_review", label: "submit" },
      { to: "published", label: "publish" },
      { to: "archived", label: "archive" },
    ],
    in_review: [
      { to: "published", label: "publish" },
      { to: "draft", label: "toDraft" },
      { to: "archived", label: "archive" },
    ],
    published: [
      { to: "archived", label: "archive" },
      { to: "draft", label: "toDraft" },
    ],
    archived: [
      { to: "published", label: "publish" },
      { to: "draft", label: "toDraft" },
    ],
  };

/** `YYYY-MM-DD` for a date input, from an ISO instant (in the browser's time zone). */
const dateInputValue = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** Review and publishing for curators, with who did what and when, and the expiry date. */
export function WorkflowPanel({ asset }: { asset: AssetDetail }) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const format = useFormat();
  const facetLabel = useFacetLabel();
  const queryClient = useQueryClient();
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.assets.get.queryKey({ id: asset.id }) });
  const status = useMutation(trpc.assets.setStatus.mutationOptions({ onSuccess: () => void refresh() }));
  const update = useMutation(trpc.assets.update.mutationOptions({ onSuccess: () => void refresh() }));
  const [expiry, setExpiry] = useState(dateInputValue(asset.expiresAt));
  const who = (id: string | null) =>
    id ? (asset.actorNames[id] ?? t("workflow.someone")) : t("workflow.someone");
  const stamps = [
    { at: asset.submittedAt, by: asset.submittedBy, label: "workflow.submitted" as const },
    { at: asset.publishedAt, by: asset.publishedBy, label: "workflow.published" as const },
    { at: asset.archivedAt, by: asset.archivedBy, label: "workflow.archived" as const },
  ].filter((s): s is { at: string; by: string | null; label: typeof s.label } => s.at != null);
  const saveExpiry = () =>
    update.mutate({
      id: asset.id,
      // the asset stays visible through the chosen day
      patch: { expiresAt: expiry ? new Date(`${expiry}T23:59:59`).toISOString() : null },
    });
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t("workflow.status")}: <strong>{facetLabel("status", asset.status)}</strong>
      </Text>
      {stamps.map((s) => (
        <Text size="xs" c="dimmed" key={s.label}>
          {t(s.label, { name: who(s.by), when: format.dateTime(s.at) })}
        </Text>
      ))}
      <Group gap="xs">
        {moves[asset.status].map((m, i) => (
          <Button
            key={m.to}
            size="xs"
            variant={i === 0 ? "filled" : "default"}
            color={m.to === "archived" ? "red" : undefined}
            loading={status.isPending && status.variables?.status === m.to}
            onClick={() => status.mutate({ id: asset.id, status: m.to })}
          >
            {t(`workflow.${m.label}`)}
          </Button>
        ))}
      </Group>
      {status.isError && <ErrorAlert title={t("workflow.failed")} error={status.error} />}
      <Group gap="xs" align="flex-end">
        <TextInput
          type="date"
          label={t("workflow.expiry")}
          description={t("workflow.expiryHelp")}
          value={expiry}
          onChange={(e) => setExpiry(e.currentTarget.value)}
          size="xs"
        />
        <Button size="xs" variant="default" onClick={saveExpiry} loading={update.isPending}>
          {expiry ? t("workflow.setExpiry") : t("workflow.clearExpiry")}
        </Button>
      </Group>
      {update.isError && <ErrorAlert title={t("workflow.expiryFailed")} error={update.error} />}
    </Stack>
  );
}
