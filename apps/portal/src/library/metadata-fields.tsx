import { Badge, MultiSelect, Select, SimpleGrid, TagsInput, Textarea, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import type { AssetType, Language } from "@pitchside/shared";
import { useTranslation } from "react-i18next";
import { taxonomyFields, useFacetLabel } from "./facet-labels";
import { assetTypes, languages } from "./library-enums";
import type { SuggestedField } from "./tag-suggestions";
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

/**
 * Title, summary, type, language and taxonomy pickers (labels in the user's language); the
 * `suggested` fields are marked as filled from the file's text.
 */
export function MetadataFields({
  form,
  withText = true,
  suggested,
}: {
  form: UseFormReturnType<MetadataValues>;
  withText?: boolean;
  suggested?: ReadonlySet<SuggestedField>;
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
            description={
              suggested?.has(field) && (
                <Badge component="span" size="xs" variant="light" color="teal" tt="none">
                  {t("upload.suggested")}
                </Badge>
              )
            }
            {...form.getInputProps(field)}
          />
        ))}
        <TagsInput label={t("meta.tags")} description={t("form.tagsHelp")} {...form.getInputProps("tags")} />
      </SimpleGrid>
    </>
  );
}
