import { Badge, MultiSelect, Select, SimpleGrid, TagsInput, Textarea, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import {
  type AssetType,
  type Audience,
  assetTypes,
  audiences,
  type Language,
  languages,
} from "@pitchside/shared";
import { useTranslation } from "react-i18next";
import { useTaxonomy } from "../taxonomy/use-taxonomy";
import { taxonomyFields, useFacetLabel } from "./facet-labels";
import type { SuggestedFormField } from "./tag-suggestions";
import { useAudienceByType } from "./use-workspace";

export interface MetadataValues {
  title: string;
  summary: string;
  type: AssetType;
  /** Chosen by the marketer; null follows the type (see `shownAudience`). */
  audience: Audience | null;
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
  audience: null,
  language: "",
  stages: [],
  personas: [],
  industries: [],
  competitors: [],
  objections: [],
  tags: [],
};

/** The form's values as the API's metadata (an empty language means "detect it"; no audience, the type's). */
export function toMeta({ language, audience, ...rest }: MetadataValues) {
  return { ...rest, ...(language ? { language } : {}), ...(audience ? { audience } : {}) };
}

/** An existing asset's type and audience, which an edit form starts from. */
export interface SavedAudience {
  type: AssetType;
  audience: Audience;
}

/**
 * The audience the form shows, and the API will store, when the marketer has not chosen one: the
 * type's default for a new asset; for a saved one its own, which follows a new type only when it
 * was its old type's default (as `assets.update` does).
 */
export function shownAudience(
  values: Pick<MetadataValues, "type" | "audience">,
  byType: Readonly<Record<AssetType, Audience>>,
  saved?: SavedAudience,
): Audience {
  if (values.audience) return values.audience;
  if (!saved) return byType[values.type];
  const followed = values.type !== saved.type && saved.audience === byType[saved.type];
  return followed ? byType[values.type] : saved.audience;
}

/** The fields a bulk upload applies to every file (each file keeps its own title). */
export function sharedPatch({
  language,
  audience,
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
    ...(audience ? { audience } : {}),
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
 * Title, summary, type, audience, language and taxonomy pickers (labels in the user's language);
 * the `suggested` fields are marked as filled from the uploaded file. `saved` is the asset being
 * edited, whose audience the field starts from.
 */
export function MetadataFields({
  form,
  withText = true,
  suggested,
  saved,
}: {
  form: UseFormReturnType<MetadataValues>;
  withText?: boolean;
  suggested?: ReadonlySet<SuggestedFormField>;
  saved?: SavedAudience;
}) {
  const { t } = useTranslation("library");
  const facetLabel = useFacetLabel();
  const { options } = useTaxonomy();
  const byType = useAudienceByType();
  const values = form.getValues();
  const audience = shownAudience(values, byType, saved);
  const followsType = !values.audience && (!saved || saved.audience === byType[saved.type]);
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
          label={t("form.audience")}
          data={audiences.map((v) => ({ value: v, label: t(`audiences.${v}`) }))}
          allowDeselect={false}
          value={audience}
          onChange={(v) => {
            if (v === "external" || v === "internal") form.setFieldValue("audience", v);
          }}
          description={followsType ? t("form.audienceFollows") : t(`audienceHelp.${audience}`)}
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
