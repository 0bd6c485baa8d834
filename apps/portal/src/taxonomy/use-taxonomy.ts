import type { TaxonomyKind } from "@pitchside/shared";
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useLanguage } from "../i18n/use-language";
import { useTRPC } from "../trpc";

/** Taxonomy terms with a label function in the user's language (the key when a term is unknown). */
export function useTaxonomy() {
  const trpc = useTRPC();
  const { language } = useLanguage();
  const query = useQuery({ ...trpc.taxonomy.list.queryOptions({}), staleTime: 5 * 60_000 });
  const terms = query.data ?? [];
  const label = useCallback(
    (kind: TaxonomyKind, key: string) =>
      terms.find((t) => t.kind === kind && t.key === key)?.label[language] ?? key,
    [terms, language],
  );
  const options = useCallback(
    (kind: TaxonomyKind) =>
      terms.filter((t) => t.kind === kind).map((t) => ({ value: t.key, label: t.label[language] })),
    [terms, language],
  );
  return { query, label, options };
}
