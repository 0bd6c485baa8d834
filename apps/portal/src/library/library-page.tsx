import { Alert, Button, Grid, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { searchSorts } from "@pitchside/shared";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useFormat } from "../i18n/format";
import { useLanguage } from "../i18n/use-language";
import { canCurate } from "../session/roles";
import { useCurrentUser } from "../session/session";
import { useTRPC, useTRPCClient } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { ActiveFilters } from "./active-filters";
import { FacetFilters } from "./facet-filters";
import { ResultCard } from "./result-card";
import { mergeSearchPages, nextOffset, SEARCH_PAGE_SIZE } from "./search-pages";
import {
  facetKeys,
  hasFilters,
  readSearchState,
  type SearchFilters,
  type SearchState,
  searchFilters,
  withFacet,
  writeSearchState,
} from "./search-state";
import { useTickedFilters } from "./use-ticked-filters";

const DEBOUNCE_MS = 250;

/** The library: search as you type, facets with counts, and everything in the URL so a search can be shared. */
export function LibraryPage() {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const user = useCurrentUser();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const state = readSearchState(params);
  const ticked = useTickedFilters(params);
  const [typed, setTyped] = useState(state.q);
  const [debounced] = useDebouncedValue(typed, DEBOUNCE_MS);

  // the typed text reaches the URL (and so the search) once typing pauses
  const latestParams = useRef(params);
  latestParams.current = params;
  const latestTyped = useRef(debounced);
  latestTyped.current = debounced;
  useEffect(() => {
    const current = readSearchState(latestParams.current);
    const filters = ticked.latest.current;
    if (debounced !== current.q)
      setParams(writeSearchState({ ...current, q: debounced, filters }), { replace: true });
  }, [debounced, setParams, ticked.latest]);
  // and the box follows the URL when it changes otherwise (back button, a shared link)
  useEffect(() => {
    if (state.q !== latestTyped.current) setTyped(state.q);
  }, [state.q]);

  const { language } = useLanguage();
  // the search as shown: the URL's words and sort, the filters as ticked; an empty search lists content
  // in the portal's language first
  const shown: SearchState = { ...state, filters: ticked.filters };
  const input = { q: shown.q, filters: searchFilters(shown), sort: shown.sort, uiLanguage: language };
  // search.query pages by offset, not by cursor, so tRPC's infiniteQueryOptions does not fit; its key
  // still leads, so invalidating search.query refreshes every page shown
  const search = useInfiniteQuery({
    queryKey: [...trpc.search.query.queryKey(input), "pages"],
    queryFn: ({ pageParam, signal }) =>
      client.search.query.query({ ...input, limit: SEARCH_PAGE_SIZE, offset: pageParam }, { signal }),
    initialPageParam: 0,
    getNextPageParam: (last, _pages, lastOffset) => nextOffset(last, lastOffset),
    select: (data) => mergeSearchPages(data.pages),
    placeholderData: keepPreviousData,
  });
  const curator = canCurate(user.role);
  const facets = curator ? facetKeys : facetKeys.filter((f) => f !== "status");
  // the ticks show and the search starts at once; the URL follows
  const setFilters = (filters: SearchFilters) => {
    ticked.tick(filters);
    setParams(writeSearchState({ ...readSearchState(latestParams.current), filters }));
  };

  return (
    <>
      <PageHeader
        title={t("library.title")}
        description={t("library.description")}
        actions={
          curator && (
            <Group gap="xs">
              <Button component={Link} to="/library/new/markdown" variant="default">
                {t("library.newBattleCard")}
              </Button>
              <Button component={Link} to="/library/upload">
                {t("library.upload")}
              </Button>
            </Group>
          )
        }
      />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <FacetFilters
            facets={facets}
            counts={search.data?.facets ?? {}}
            noResults={search.data?.total === 0}
            selected={ticked.filters}
            onChange={(facet, values) => setFilters(withFacet(ticked.filters, facet, values))}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="md">
            {/* on a phone the sort goes below the search box rather than squeeze it */}
            <Group align="flex-end">
              <TextInput
                type="search"
                label={t("search.label")}
                placeholder={t("search.placeholder")}
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
                style={{ flex: "1 1 16rem" }}
                autoFocus
              />
              <Select
                label={t("search.sort")}
                data={searchSorts.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
                value={state.sort}
                onChange={(sort) => sort && setParams(writeSearchState({ ...shown, sort: readSort(sort) }))}
                allowDeselect={false}
                w={220}
              />
            </Group>
            <ActiveFilters filters={ticked.filters} onChange={setFilters} />
            <QueryState query={search} what={t("search.what")}>
              {(result) => (
                <Stack gap="sm">
                  <Text size="sm" c="dimmed" role="status">
                    {t("search.count", { count: result.total, formatted: format.number(result.total) })}
                  </Text>
                  {result.degraded && (
                    <Alert color="yellow" variant="light">
                      {t("search.degraded")}
                    </Alert>
                  )}
                  {result.hits.map((hit) => (
                    <ResultCard key={hit.asset.id} hit={hit} showStatus={curator} />
                  ))}
                  {search.hasNextPage && (
                    <Stack gap="xs" align="center" mt="xs">
                      <Text size="sm" c="dimmed">
                        {t("search.shown", {
                          shown: format.number(result.hits.length),
                          total: format.number(result.total),
                        })}
                      </Text>
                      {search.isFetchNextPageError && (
                        <ErrorAlert title={t("search.moreFailed")} error={search.error} w="100%" />
                      )}
                      <Button
                        variant="default"
                        onClick={() => void search.fetchNextPage()}
                        loading={search.isFetchingNextPage}
                      >
                        {t("search.more")}
                      </Button>
                    </Stack>
                  )}
                  {result.hits.length === 0 && (
                    <Alert variant="light" color="gray" title={t("search.emptyTitle")}>
                      <Stack gap="sm" align="flex-start">
                        <Text size="sm">
                          {hasFilters(shown) || state.q ? t("search.emptyText") : t("search.emptyLibrary")}
                        </Text>
                        <Button
                          component={Link}
                          to={`/requests?${new URLSearchParams({ new: "1", q: state.q })}`}
                          variant="light"
                        >
                          {t("search.request")}
                        </Button>
                      </Stack>
                    </Alert>
                  )}
                </Stack>
              )}
            </QueryState>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

const readSort = (value: string) => searchSorts.find((s) => s === value) ?? "relevance";
