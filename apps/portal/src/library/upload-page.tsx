import "@mantine/dropzone/styles.css";
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Progress,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { type UseFormReturnType, useForm } from "@mantine/form";
import type { AssetStatus } from "@pitchside/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { fieldErrors } from "../api-errors";
import { useTRPC, useTRPCClient } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import {
  emptyMetadata,
  MetadataFields,
  type MetadataValues,
  SuggestedMark,
  sharedPatch,
  toMeta,
} from "./metadata-fields";
import {
  type AppliedSuggestions,
  applySuggestions,
  applyTitleSuggestions,
  applyTypeSuggestion,
  commonTags,
  commonType,
  stillSuggested,
  type UploadedTitle,
} from "./tag-suggestions";
import { type QueuedFile, useUploadQueue } from "./upload-queue";
import { useTagSuggestions } from "./use-tag-suggestions";

/** What the server accepts (it checks the content too); the picker only narrows the dialog. */
const accept = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.oasis.opendocument.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/rtf",
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
  "video/mp4",
  "text/markdown",
  "text/plain",
];

export function UploadPage() {
  const { t } = useTranslation("library");
  return (
    <>
      <PageHeader title={t("upload.title")} description={t("upload.description")} />
      <Tabs defaultValue="files" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="files">{t("upload.filesTab")}</Tabs.Tab>
          <Tabs.Tab value="link">{t("upload.linkTab")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="files">
          <FileUploads />
        </Tabs.Panel>
        <Tabs.Panel value="link">
          <LinkAssetForm />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function QueueRow({
  item,
  titleSuggested,
  onRetry,
  onTitle,
}: {
  item: QueuedFile;
  /** The title still holds the one the file's properties gave. */
  titleSuggested: boolean;
  onRetry: () => void;
  onTitle: (v: string) => void;
}) {
  const { t } = useTranslation("library");
  const percent = Math.round(item.progress * 100);
  return (
    <Card withBorder padding="sm" data-testid="upload-row">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={500} truncate>
            {item.file.name}
          </Text>
          <Text size="xs" c={item.state === "failed" ? "red" : "dimmed"}>
            {t(`upload.state.${item.state}`, { percent })}
          </Text>
        </Group>
        <Progress
          value={percent}
          color={item.state === "failed" ? "red" : item.state === "done" ? "teal" : "indigo"}
          animated={item.state === "uploading"}
          aria-label={t("upload.progressOf", { name: item.file.name })}
        />
        {item.state === "failed" && (
          <Group justify="space-between">
            <Text size="xs" c="red">
              {item.error}
            </Text>
            <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
              {t("upload.retry")}
            </Button>
          </Group>
        )}
        {item.state === "done" && (
          <TextInput
            size="xs"
            label={t("upload.titleOf", { name: item.file.name })}
            description={titleSuggested && <SuggestedMark label={t("upload.suggestedTitle")} />}
            value={item.title}
            onChange={(e) => onTitle(e.currentTarget.value)}
          />
        )}
      </Stack>
    </Card>
  );
}

/** Drop many files; each uploads with its own progress, then one form tags them all. */
function FileUploads() {
  const { t } = useTranslation("library");
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const queue = useUploadQueue();
  const form = useForm<MetadataValues>({ initialValues: emptyMetadata });
  const done = queue.items.filter((i) => i.state === "done" && i.result);
  const busy = queue.items.some((i) => i.state === "waiting" || i.state === "uploading");
  const [saved, setSaved] = useState<{ id: string; title: string }[]>([]);
  const suggested = useUploadSuggestions(
    form,
    busy
      ? []
      : done.flatMap((i) =>
          i.result ? [{ key: i.key, assetId: i.result.assetId, title: i.title, edited: i.titleEdited }] : [],
        ),
    queue.suggestTitles,
  );
  const save = useMutation({
    mutationFn: async (status: AssetStatus) => {
      const patch = sharedPatch(form.getValues());
      const results = [];
      for (const item of done) {
        const id = item.result?.assetId ?? "";
        await client.assets.update.mutate({
          id,
          patch: { ...patch, title: item.title.trim() || item.file.name },
        });
        if (status !== "draft") await client.assets.setStatus.mutate({ id, status });
        results.push({ id, title: item.title });
      }
      return results;
    },
    onSuccess: async (results) => {
      await queryClient.invalidateQueries({ queryKey: trpc.search.query.queryKey() });
      const [only] = results;
      if (results.length === 1 && only) return navigate(`/library/assets/${only.id}`);
      setSaved(results);
      queue.clear();
      form.reset();
      suggested.clear();
    },
  });
  return (
    <Stack gap="md">
      <Dropzone onDrop={queue.add} accept={accept} multiple aria-label={t("upload.dropLabel")}>
        <Stack align="center" gap={4} py="xl" style={{ pointerEvents: "none" }}>
          <Dropzone.Accept>
            <Text fw={500}>{t("upload.dropNow")}</Text>
          </Dropzone.Accept>
          <Dropzone.Reject>
            <Text fw={500} c="red">
              {t("upload.rejected")}
            </Text>
          </Dropzone.Reject>
          <Dropzone.Idle>
            <Text fw={500}>{t("upload.drop")}</Text>
          </Dropzone.Idle>
          <Text size="sm" c="dimmed">
            {t("upload.accepted")}
          </Text>
        </Stack>
      </Dropzone>
      {saved.length > 0 && (
        <Alert color="green" variant="light" title={t("upload.saved", { count: saved.length })}>
          <Stack gap={2}>
            {saved.map((s) => (
              <Anchor key={s.id} component={Link} to={`/library/assets/${s.id}`} size="sm">
                {s.title}
              </Anchor>
            ))}
          </Stack>
        </Alert>
      )}
      {queue.items.map((item) => (
        <QueueRow
          key={item.key}
          item={item}
          titleSuggested={suggested.titleShown(item)}
          onRetry={() => queue.retry(item.key)}
          onTitle={(title) => queue.editTitle(item.key, title)}
        />
      ))}
      {done.length > 0 && (
        <Card withBorder padding="md" component="section" aria-labelledby="upload-details">
          <Stack gap="sm">
            <Title order={2} size="h4" id="upload-details">
              {t("upload.details", { count: done.length })}
            </Title>
            <Text size="sm" c="dimmed">
              {t("upload.detailsHelp")}
            </Text>
            {suggested.reading && (
              <Text size="sm" c="dimmed" role="status">
                {t("upload.suggesting")}
              </Text>
            )}
            {(suggested.shown.size > 0 || done.some(suggested.titleShown)) && (
              <Alert color="teal" variant="light" role="status">
                {t("upload.suggestedNote")}
              </Alert>
            )}
            <MetadataFields form={form} withText={false} suggested={suggested.shown} />
            {save.isError && <ErrorAlert title={t("upload.saveFailed")} error={save.error} />}
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => save.mutate("draft")}
                loading={save.isPending && save.variables === "draft"}
                disabled={busy}
              >
                {t("upload.saveDraft")}
              </Button>
              <Button
                variant="default"
                onClick={() => save.mutate("in_review")}
                loading={save.isPending && save.variables === "in_review"}
                disabled={busy}
              >
                {t("workflow.submit")}
              </Button>
              <Button
                onClick={() => save.mutate("published")}
                loading={save.isPending && save.variables === "published"}
                disabled={busy}
              >
                {t("workflow.publish")}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

/**
 * Pre-fills what the uploaded files suggest, once every file is read: the shared form's tags and
 * type where the marketer has not touched them, and each file's title they have not edited.
 * `shown` are the form's fields still holding what was suggested; `titleShown` tells a file whose
 * title still is the suggested one.
 */
function useUploadSuggestions(
  form: UseFormReturnType<MetadataValues>,
  files: UploadedTitle[],
  suggestTitles: (titles: Record<string, string>) => void,
) {
  const { answers, reading } = useTagSuggestions(files.map((f) => f.assetId));
  const [applied, setApplied] = useState<AppliedSuggestions>({});
  const [titles, setTitles] = useState<Record<string, string>>({});
  // the answers alone decide when to apply; the form and files are read as they are then
  const latest = useRef({ form, files, applied, suggestTitles });
  latest.current = { form, files, applied, suggestTitles };
  useEffect(() => {
    if (!answers) return;
    const { form, files, applied: previous, suggestTitles } = latest.current;
    const tags = commonTags(answers);
    const tagged = tags
      ? applySuggestions(tags, (f) => form.isTouched(f), previous)
      : { changes: {}, applied: previous };
    const typed = applyTypeSuggestion(
      commonType(answers),
      form.isTouched("type"),
      previous.type,
      emptyMetadata.type,
    );
    const changes = { ...tagged.changes, ...(typed.change ? { type: typed.change } : {}) };
    if (Object.keys(changes).length > 0) form.setValues(changes);
    setApplied({ ...tagged.applied, type: typed.applied });
    const named = applyTitleSuggestions(files, answers);
    if (Object.keys(named.changes).length > 0) suggestTitles(named.changes);
    setTitles(named.applied);
  }, [answers]);
  return {
    reading,
    shown: stillSuggested(form.getValues(), applied),
    titleShown: (file: Pick<QueuedFile, "key" | "title" | "titleEdited">) =>
      !file.titleEdited && titles[file.key] === file.title,
    clear: () => {
      setApplied({});
      setTitles({});
    },
  };
}

/** A web page (a video on a hosting site, a public article) kept in the library as a link. */
function LinkAssetForm() {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [url, setUrl] = useState("");
  const form = useForm<MetadataValues>({
    initialValues: emptyMetadata,
    validate: { title: (v) => (v.trim() ? null : t("form.titleRequired")) },
  });
  const create = useMutation(
    trpc.assets.createLink.mutationOptions({
      onSuccess: ({ assetId }) => navigate(`/library/assets/${assetId}`),
    }),
  );
  const errors = fieldErrors(create.error);
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate({ url: url.trim(), meta: toMeta(values) }))}>
      <Stack gap="sm" maw={760}>
        <TextInput
          label={t("upload.url")}
          type="url"
          withAsterisk
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={errors.url}
        />
        <MetadataFields form={form} />
        {create.isError && !errors.url && <ErrorAlert title={t("upload.linkFailed")} error={create.error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t("upload.addLink")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
