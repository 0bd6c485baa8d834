import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFacetLabel } from "./facet-labels";
import { activeFilters, type FacetKey, noFilters, type SearchFilters } from "./search-state";

interface ActiveFiltersProps {
  filters: SearchFilters;
  onChange: (filters: SearchFilters) => void;
}

/** A chip per ticked value (× takes it off) and "Clear all"; nothing when no filter is on. */
export function ActiveFilters({ filters, onChange }: ActiveFiltersProps) {
  const { t } = useTranslation("library");
  const facetLabel = useFacetLabel();
  const active = activeFilters(filters);
  if (active.length === 0) return null;
  const remove = (facet: FacetKey, value: string) =>
    onChange({ ...filters, [facet]: filters[facet].filter((v) => v !== value) });
  return (
    <Group gap="xs" role="group" aria-label={t("search.activeFilters")}>
      {active.map(({ facet, value }) => {
        const label = facetLabel(facet, value);
        return (
          <Button
            key={`${facet}:${value}`}
            size="compact-sm"
            variant="light"
            radius="xl"
            rightSection={<span aria-hidden="true">×</span>}
            aria-label={t("search.removeFilter", { facet: t(`facets.${facet}`), value: label })}
            title={t(`facets.${facet}`)}
            onClick={() => remove(facet, value)}
          >
            {label}
          </Button>
        );
      })}
      <Button size="compact-sm" variant="subtle" onClick={() => onChange(noFilters)}>
        {t("search.clearFilters")}
      </Button>
    </Group>
  );
}
