import { Checkbox, Group, Stack, Text } from "@mantine/core";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { useFacetLabel, useFacetValues } from "./facet-labels";
import type { FacetKey, SearchState } from "./search-state";

interface FacetFiltersProps {
  facets: readonly FacetKey[];
  counts: Record<string, Record<string, number>>;
  /** The search answered with no results: a facet it counts nothing of lists all its values. */
  noResults: boolean;
  selected: SearchState["filters"];
  onChange: (facet: FacetKey, values: string[]) => void;
}

/**
 * One checkbox group per facet, values with their result counts. A value once shown stays, at 0 when
 * a search has none of it, so the panel does not empty under a search with no results; there a facet
 * counted nothing lists all its values at 0 (a link to such a search, opened afresh, has shown none yet).
 * A selected value stays too, so it can be unticked.
 */
export function FacetFilters({ facets, counts, noResults, selected, onChange }: FacetFiltersProps) {
  const { t } = useTranslation("library");
  const format = useFormat();
  const facetLabel = useFacetLabel();
  const facetValues = useFacetValues();
  const seen = useRef(new Map<FacetKey, Set<string>>());
  for (const facet of facets) {
    const known = seen.current.get(facet) ?? new Set();
    for (const value of Object.keys(counts[facet] ?? {})) known.add(value);
    seen.current.set(facet, known);
  }
  return (
    <Stack gap="lg" component="section" aria-label={t("search.filters")}>
      {facets.map((facet) => {
        const counted = Object.keys(counts[facet] ?? {}).length > 0;
        const listed = [
          ...(seen.current.get(facet) ?? []),
          ...(noResults && !counted ? facetValues(facet) : []),
          ...selected[facet],
        ];
        const values: Record<string, number> = {
          ...Object.fromEntries(listed.map((v) => [v, 0])),
          ...counts[facet],
        };
        const entries = Object.entries(values).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
        if (entries.length === 0) return null;
        return (
          <Checkbox.Group
            key={facet}
            label={t(`facets.${facet}`)}
            value={selected[facet]}
            onChange={(next) => onChange(facet, next)}
          >
            <Stack gap={6} mt={6}>
              {entries.map(([value, count]) => (
                <Checkbox
                  key={value}
                  value={value}
                  size="sm"
                  label={
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{facetLabel(facet, value)}</Text>
                      <Text size="xs" c="dimmed">
                        {format.number(count)}
                      </Text>
                    </Group>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
        );
      })}
    </Stack>
  );
}
