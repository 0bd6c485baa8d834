import { Badge, MultiSelect, Select, SimpleGrid, TagsInput, Textarea, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import type { AssetType, Language } from "@pitchside/shared";
import { useTranslation } from "react-i18next";
import { taxonomyFields, useFacetLabel } from "./facet-labels";
import { assetTypes, languages } from "./library-enums";
import type { SuggestedFormField } from "./tag-suggestions";
import { useTaxonomy } from "./use-taxonomy";

export interface MetadataValues {
  title: string;
  summary: string;
  type: AssetType;
  language: Language | "";
  stages: string[];
  personas: string[];
  industries: string[];
  competitors: string[];
  objections: string[];
  tags: string[];
}

export const emptyMetadata: MetadataValues = {
  title: "",
  summary: "",
  type: "other",
  language: "",
  stages: [],
  personas: [],
  industries: [],
  competitors: [],
  objections: [],
  tags: [],
};

/** The form's values as the API's metadata (an empty language means "detect it"). */
export function toMeta({ language, ...rest }: MetadataValues) {
  return { ...rest, ...(language ? { language } : {}) };
}

/** The fields a bulk upload applies to every file (each file keeps its own title). */
export function sharedPatch({
  language,
  type,
  stages,
  personas,
  industries,
  competitors,
  objections,
  tags,
}: MetadataValues) {
  return {
    type,
    stages,
    personas,
    industries,
    competitors,
    objections,
    tags,
    ...(language ? { language } : {}),
  };
}

/** Marks a field the upload form filled from the file, until the marketer changes it. */
export function SuggestedMark({ label }: { label: string }) {
  return (
    <Badge component="span" size="xs" variant="light" color="teal" tt="none">
      {label}
    </Badge>
  );
}

/**
 * Title, summary, type, language and taxonomy pickers (labels in the user's language); the
 * `suggested` fields are marked as filled from the uploaded file.
 */
export function MetadataFields({
  form,
  withText = true,
  suggested,
}: {
  form: UseFormReturnType<MetadataValues>;
  withText?: boolean;
  suggested?: ReadonlySet<SuggestedFormField>;
}) {
  const { t } = useTranslation("library");
  const facetLabel = useFacetLabel();
  const { options } = useTaxonomy();
  return (
    <>
      {withText && (
        <>
          <TextInput label={t("form.title")} withAsterisk {...form.getInputProps("title")} />
          <Textarea label={t("form.summary")} autosize minRows={2} {...form.getInputProps("summary")} />
        </>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t("form.type")}
          data={assetTypes.map((v) => ({ value: v, label: facetLabel("type", v) }))}
          allowDeselect={false}
          description={suggested?.has("type") && <SuggestedMark label={t("upload.suggestedType")} />}
          {...form.getInputProps("type")}
        />
        <Select
          label={t("form.language")}
          data={[
            { value: "", label: t("form.detectLanguage") },
            ...languages.map((v) => ({ value: v, label: facetLabel("language", v) })),
          ]}
          allowDeselect={false}
          {...form.getInputProps("language")}
        />
        {taxonomyFields.map(({ field, kind }) => (
          <MultiSelect
            key={field}
            label={t(`meta.${field}`)}
            data={options(kind)}
            searchable
            clearable
            description={suggested?.has(field) && <SuggestedMark label={t("upload.suggested")} />}
            {...form.getInputProps(field)}
          />
        ))}
        <TagsInput label={t("meta.tags")} description={t("form.tagsHelp")} {...form.getInputProps("tags")} />
      </SimpleGrid>
    </>
  );
}
