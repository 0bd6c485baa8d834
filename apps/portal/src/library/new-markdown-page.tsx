import { Button, Group, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { fieldErrors } from "../api-errors";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { MarkdownEditor } from "./markdown-editor";
import { emptyMetadata, MetadataFields, type MetadataValues, toMeta } from "./metadata-fields";

/** A battle card written in place: Markdown stored as the asset's file, then searchable like any other. */
export function NewMarkdownPage() {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [body, setBody] = useState("");
  const form = useForm<MetadataValues>({
    initialValues: { ...emptyMetadata, type: "battle_card" },
    validate: { title: (v) => (v.trim() ? null : t("form.titleRequired")) },
  });
  const create = useMutation(
    trpc.assets.createMarkdown.mutationOptions({
      onSuccess: ({ assetId }) => navigate(`/library/assets/${assetId}`),
    }),
  );
  const errors = fieldErrors(create.error);
  return (
    <>
      <PageHeader title={t("markdown.newTitle")} description={t("markdown.newDescription")} />
      <form onSubmit={form.onSubmit((values) => create.mutate({ meta: toMeta(values), body }))}>
        <Stack gap="sm">
          <MetadataFields form={form} />
          <MarkdownEditor value={body} onChange={setBody} error={errors.body} />
          {create.isError && !errors.body && (
            <ErrorAlert title={t("markdown.saveFailed")} error={create.error} />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t("markdown.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
