import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";

/** Finds published content by title and hands back the one picked; `exclude` is left out. */
export function AssetPicker(props: {
  label: string;
  /** The pick button's accessible name for an asset ("Add … to the collection"). */
  pickLabel: (title: string) => string;
  pickText: string;
  exclude?: readonly string[];
  onPick: (asset: { id: string; title: string }) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const assets = useQuery({
    ...trpc.assets.list.queryOptions({ q, status: ["published"], limit: 8, offset: 0 }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const found = (assets.data?.items ?? []).filter((asset) => !props.exclude?.includes(asset.id));
  // typed but not searched yet (the debounce) counts as searching, so "nothing matches" never flashes
  const searching = search.trim() !== q || assets.isFetching;
  return (
    <Stack gap="xs" maw={560}>
      <TextInput
        type="search"
        label={props.label}
        placeholder={t("assetPicker.placeholder")}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        error={assets.isError ? t("assetPicker.searchFailed") : undefined}
      />
      {search.trim() && (
        <Stack gap={4} aria-live="polite">
          {found.length === 0 ? (
            <Text size="sm" c="dimmed">
              {searching ? t("assetPicker.searching") : t("assetPicker.noMatch")}
            </Text>
          ) : (
            found.map((asset) => (
              <Group key={asset.id} justify="space-between" wrap="nowrap">
                <Text size="sm" truncate>
                  {asset.title}
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  aria-label={props.pickLabel(asset.title)}
                  onClick={() => {
                    props.onPick({ id: asset.id, title: asset.title });
                    setSearch("");
                  }}
                >
                  {props.pickText}
                </Button>
              </Group>
            ))
          )}
        </Stack>
      )}
    </Stack>
  );
}
