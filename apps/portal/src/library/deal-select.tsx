import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";

interface DealSelectProps {
  value: string | null;
  onChange: (dealId: string | null) => void;
  description?: string;
  error?: string;
}

/** Picks one of the caller's open deals, searched by name as they type. */
export function DealSelect({ value, onChange, description, error }: DealSelectProps) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search, 250);
  const deals = useQuery({
    ...trpc.deals.list.queryOptions({ q: query || undefined, status: ["open"], limit: 30 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      label={t("deal.label")}
      description={description}
      placeholder={t("deal.none")}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={(deals.data?.items ?? []).map((d) => ({
        value: d.id,
        label: d.accountName ? `${d.name} — ${d.accountName}` : d.name,
      }))}
      value={value}
      onChange={onChange}
      nothingFoundMessage={deals.isFetching ? t("deal.searching") : t("deal.noMatches")}
      error={deals.isError ? t("deal.failed") : error}
    />
  );
}
