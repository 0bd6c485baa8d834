import { Button, Group, Modal, Stack, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { TaxonomyKind } from "@pitchside/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { fieldErrors, hasFieldErrors } from "../api-errors";
import type { TaxonomyTermRow } from "../api-types";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";

const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Adds a term of `kind`, or edits `term` (its key stays: assets refer to it). */
export function TermModal(props: {
  kind: TaxonomyKind;
  term: TaxonomyTermRow | null;
  nextOrder: number;
  /** What the patterns are called for this kind; null when the kind has none. */
  patternsLabel: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { term } = props;
  const form = useForm({
    initialValues: {
      key: term?.key ?? "",
      en: term?.label.en ?? "",
      ja: term?.label.ja ?? "",
      order: term?.order ?? props.nextOrder,
      patterns: term?.patterns ?? [],
    },
    validate: {
      key: (v) => (KEY_PATTERN.test(v) ? null : t("admin.taxonomy.keyInvalid")),
      en: (v) => (v.trim() ? null : t("admin.taxonomy.labelRequired")),
      ja: (v) => (v.trim() ? null : t("admin.taxonomy.labelRequired")),
      order: (v) => {
        const n = Number(v);
        return Number.isInteger(n) && n >= 0 && n <= 10_000 ? null : t("admin.taxonomy.orderInvalid");
      },
    },
  });
  const save = useMutation(
    trpc.taxonomy.upsert.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.taxonomy.list.pathFilter());
        notifications.show({ color: "green", message: t("admin.taxonomy.saved") });
        props.onClose();
      },
      onError: (error) => {
        // the server names fields by their path inside terms[0]
        const byField = fieldErrors(error);
        form.setErrors({
          key: byField["terms.0.key"],
          en: byField["terms.0.label.en"],
          ja: byField["terms.0.label.ja"],
        });
      },
    }),
  );
  const title = term
    ? t("admin.taxonomy.editTitle", { name: term.label.en })
    : t(`admin.taxonomy.add.${props.kind}`);
  return (
    <Modal opened onClose={props.onClose} title={title}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          save.mutate({
            terms: [
              {
                kind: props.kind,
                key: v.key,
                label: { en: v.en.trim(), ja: v.ja.trim() },
                order: Number(v.order) || 0,
                patterns: props.patternsLabel ? v.patterns : [],
              },
            ],
          }),
        )}
      >
        <Stack>
          {save.error && !hasFieldErrors(save.error) && (
            <ErrorAlert title={t("admin.taxonomy.saveFailed")} error={save.error} />
          )}
          <TextInput
            label={t("admin.taxonomy.key")}
            description={t("admin.taxonomy.keyHelp")}
            required
            disabled={term !== null}
            {...form.getInputProps("key")}
          />
          <TextInput
            label={t("admin.taxonomy.labelEn")}
            required
            data-autofocus
            {...form.getInputProps("en")}
          />
          <TextInput label={t("admin.taxonomy.labelJa")} lang="ja" required {...form.getInputProps("ja")} />
          {/* a plain number field: NumberInput's formatting library would double this page's size */}
          <TextInput
            type="number"
            inputMode="numeric"
            min={0}
            max={10_000}
            step={1}
            label={t("admin.taxonomy.order")}
            description={t("admin.taxonomy.orderHelp")}
            {...form.getInputProps("order")}
          />
          {props.patternsLabel && (
            <TagsInput
              label={props.patternsLabel}
              description={t("admin.taxonomy.patternsHelp")}
              clearable
              {...form.getInputProps("patterns")}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
