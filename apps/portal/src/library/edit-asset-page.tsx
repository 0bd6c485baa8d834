import "@mantine/dropzone/styles.css";
import { Alert, Button, Group, Progress, Stack, Text, Textarea } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { useFileText } from "./file-text";
import type { AssetDetail } from "./library-types";
import { MarkdownEditor } from "./markdown-editor";
import { MetadataFields, type MetadataValues, toMeta } from "./metadata-fields";
import { SectionCard } from "./section-card";
import { uploadFile } from "./xhr-upload";

export function EditAssetPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const asset = useQuery(trpc.assets.get.queryOptions({ id }));
  return (
    <QueryState query={asset} what={t("asset.what")}>
      {(data) => <EditAsset asset={data} />}
    </QueryState>
  );
}

function EditAsset({ asset }: { asset: AssetDetail }) {
  const { t } = useTranslation("library");
  return (
    <>
      <PageHeader
        title={t("edit.title", { title: asset.title })}
        actions={
          <Button component={Link} to={`/library/assets/${asset.id}`} variant="default">
            {t("edit.back")}
          </Button>
        }
      />
      <Stack gap="lg">
        <SectionCard size="h4" title={t("edit.details")}>
          <MetadataForm asset={asset} />
        </SectionCard>
        {asset.source === "markdown" && asset.currentVersionId && (
          <SectionCard size="h4" title={t("edit.content")}>
            <MarkdownBody asset={asset} versionId={asset.currentVersionId} />
          </SectionCard>
        )}
        {asset.source === "file" && (
          <SectionCard size="h4" title={t("edit.newVersion")}>
            <NewVersion assetId={asset.id} />
          </SectionCard>
        )}
      </Stack>
    </>
  );
}

function useRefreshAsset(id: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.assets.get.queryKey({ id }) }),
      queryClient.invalidateQueries({ queryKey: trpc.search.query.queryKey() }),
    ]);
}

function MetadataForm({ asset }: { asset: AssetDetail }) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const refresh = useRefreshAsset(asset.id);
  const form = useForm<MetadataValues>({
    initialValues: {
      title: asset.title,
      summary: asset.summary,
      type: asset.type,
      audience: null,
      language: asset.language === "en" || asset.language === "ja" ? asset.language : "",
      stages: asset.stages,
      personas: asset.personas,
      industries: asset.industries,
      competitors: asset.competitors,
      objections: asset.objections,
      tags: asset.tags,
    },
    validate: { title: (v) => (v.trim() ? null : t("form.titleRequired")) },
  });
  const update = useMutation(
    trpc.assets.update.mutationOptions({
      onSuccess: () => {
        // what was saved is the new baseline: "Saved" shows until the next change
        form.resetDirty();
        void refresh();
      },
    }),
  );
  return (
    <form onSubmit={form.onSubmit((values) => update.mutate({ id: asset.id, patch: toMeta(values) }))}>
      <Stack gap="sm">
        <MetadataFields form={form} saved={asset} />
        {update.isError && <ErrorAlert title={t("edit.saveFailed")} error={update.error} />}
        <Group justify="flex-end">
          {update.isSuccess && !form.isDirty() && (
            <Text size="sm" c="teal" role="status">
              {t("edit.saved")}
            </Text>
          )}
          <Button type="submit" loading={update.isPending}>
            {t("edit.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MarkdownBody({ asset, versionId }: { asset: AssetDetail; versionId: string }) {
  const { t } = useTranslation("library");
  const text = useFileText(versionId);
  return (
    <QueryState query={text} what={t("preview.what")}>
      {(source) => <MarkdownBodyForm assetId={asset.id} initial={source} />}
    </QueryState>
  );
}

function MarkdownBodyForm({ assetId, initial }: { assetId: string; initial: string }) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const refresh = useRefreshAsset(assetId);
  const [body, setBody] = useState(initial);
  const [changeNote, setChangeNote] = useState("");
  const save = useMutation(
    trpc.assets.updateMarkdown.mutationOptions({
      onSuccess: () => {
        setChangeNote("");
        void refresh();
      },
    }),
  );
  return (
    <Stack gap="sm">
      <MarkdownEditor value={body} onChange={setBody} />
      <ChangeNoteField value={changeNote} onChange={setChangeNote} />
      {save.isError && <ErrorAlert title={t("markdown.saveFailed")} error={save.error} />}
      <Group justify="flex-end">
        {save.isSuccess && (
          <Text size="sm" c="teal" role="status">
            {save.data.awaitingReview ? t("edit.awaitingReview") : t("edit.savedVersion")}
          </Text>
        )}
        <Button
          onClick={() =>
            save.mutate({
              id: assetId,
              body,
              ...(changeNote.trim() ? { changeNote: changeNote.trim() } : {}),
            })
          }
          loading={save.isPending}
          disabled={!body.trim()}
        >
          {t("markdown.saveVersion")}
        </Button>
      </Group>
    </Stack>
  );
}

/** What a new version changed, in the marketer's words; shown beside the version and in review. */
function ChangeNoteField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation("library");
  return (
    <Textarea
      label={t("edit.changeNote")}
      description={t("edit.changeNoteHelp")}
      autosize
      minRows={2}
      maxLength={2000}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** Replacing the file makes a new version; the old ones stay downloadable to curators. */
function NewVersion({ assetId }: { assetId: string }) {
  const { t } = useTranslation("library");
  const refresh = useRefreshAsset(assetId);
  const [progress, setProgress] = useState(0);
  const [changeNote, setChangeNote] = useState("");
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile(file, { assetId, changeNote }, setProgress),
    onSuccess: () => {
      setChangeNote("");
      void refresh();
    },
  });
  return (
    <Stack gap="sm">
      <ChangeNoteField value={changeNote} onChange={setChangeNote} />
      <Dropzone
        onDrop={([file]) => {
          if (!file) return;
          setProgress(0);
          upload.mutate(file);
        }}
        multiple={false}
        loading={upload.isPending}
        aria-label={t("edit.dropVersion")}
      >
        <Stack align="center" gap={4} py="md" style={{ pointerEvents: "none" }}>
          <Text fw={500}>{t("edit.dropVersion")}</Text>
          <Text size="sm" c="dimmed">
            {t("upload.accepted")}
          </Text>
        </Stack>
      </Dropzone>
      {(upload.isPending || upload.isSuccess) && (
        <Progress value={Math.round(progress * 100)} aria-label={t("edit.versionProgress")} />
      )}
      {upload.isSuccess && (
        <Text size="sm" c="teal" role="status">
          {upload.data.awaitingReview ? t("edit.awaitingReview") : t("edit.versionUploaded")}
        </Text>
      )}
      {upload.isError && (
        <Alert color="red" variant="light" title={t("edit.versionFailed")} role="alert">
          {upload.error.message}
        </Alert>
      )}
    </Stack>
  );
}
