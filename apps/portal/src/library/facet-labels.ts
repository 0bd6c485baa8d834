import { assetStatuses, assetTypes, languages, type TaxonomyKind } from "@pitchside/shared";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useTaxonomy } from "../taxonomy/use-taxonomy";
import type { FacetKey } from "./search-state";

/** Which taxonomy kind a facet's values come from; the others are fixed lists with UI strings. */
export const facetKind: Partial<Record<FacetKey, TaxonomyKind>> = {
  stages: "stage",
  personas: "persona",
  industries: "industry",
  competitors: "competitor",
};

/** The asset fields that hold taxonomy keys, and the kind of term each holds. */
export const taxonomyFields = [
  { field: "stages", kind: "stage" },
  { field: "personas", kind: "persona" },
  { field: "industries", kind: "industry" },
  { field: "competitors", kind: "competitor" },
  { field: "objections", kind: "objection" },
] as const satisfies readonly { field: string; kind: TaxonomyKind }[];

/** A facet value's label in the user's language: taxonomy labels, or the catalog for type/language/status. */
export function useFacetLabel() {
  const { t } = useTranslation("library");
  const { label } = useTaxonomy();
  return useCallback(
    (facet: FacetKey, value: string): string => {
      const kind = facetKind[facet];
      if (kind) return label(kind, value);
      if (facet === "type") return t(`types.${value}` as "types.other", { defaultValue: value });
      if (facet === "language") return t(`languages.${value}` as "languages.en", { defaultValue: value });
      return t(`statuses.${value}` as "statuses.draft", { defaultValue: value });
    },
    [t, label],
  );
}

const fixedValues: Partial<Record<FacetKey, readonly string[]>> = {
  type: assetTypes,
  language: languages,
  status: assetStatuses,
};

/** Every value a facet can take: the fixed lists, or the taxonomy's terms of its kind. */
export function useFacetValues() {
  const { options } = useTaxonomy();
  return useCallback(
    (facet: FacetKey): readonly string[] => {
      const kind = facetKind[facet];
      return kind ? options(kind).map((o) => o.value) : (fixedValues[facet] ?? []);
    },
    [options],
  );
}
