import { Badge, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../api-types";
import { useReportFormat } from "../i18n/report-format";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { PeriodControls, useReportPeriod } from "./report-period";
import { type ReportColumn, ReportTable } from "./report-table";
import { useTypeLabel } from "./type-label";

type Gaps = RouterOutputs["analytics"]["gaps"];
type Search = Gaps["zeroResultSearches"]["en"][number];
type Cell = Gaps["emptyCells"][number];
type Unused = Gaps["unusedAssets"][number];
type Expiring = Gaps["expiringAssets"][number];
type Weak = Gaps["weakSuggestions"][number];

/** Where the library falls short. */
export function GapsPage() {
  const { t, i18n } = useTranslation("analytics");
  const trpc = useTRPC();
  const period = useReportPeriod();
  const query = useQuery(trpc.analytics.gaps.queryOptions({ from: period.from, to: period.to }));
  const format = useReportFormat();
  const typeLabel = useTypeLabel();
  const ja = i18n.language === "ja";
  const suffix = `${period.from}-${period.to}.csv`;
  const searchColumns: ReportColumn<Search>[] = [
    { id: "query", header: t("columns.query"), value: (r) => r.query },
    { id: "searches", header: t("columns.searches"), value: (r) => r.searches, numeric: true },
    {
      id: "lastAt",
      header: t("columns.lastSearched"),
      value: (r) => r.lastAt,
      display: (r) => format.date(r.lastAt),
    },
  ];
  const cellColumns: ReportColumn<Cell>[] = [
    { id: "stage", header: t("columns.stage"), value: (r) => (ja ? r.stageLabel.ja : r.stageLabel.en) },
    {
      id: "persona",
      header: t("columns.persona"),
      value: (r) => (ja ? r.personaLabel.ja : r.personaLabel.en),
    },
  ];
  const unusedColumns: ReportColumn<Unused>[] = [
    { id: "name", header: t("columns.name"), value: (r) => r.title },
    {
      id: "type",
      header: t("columns.type"),
      value: (r) => typeLabel(r.type),
    },
    {
      id: "published",
      header: t("columns.published"),
      value: (r) => r.publishedAt,
      display: (r) => format.date(r.publishedAt),
    },
  ];
  const expiringColumns: ReportColumn<Expiring>[] = [
    { id: "name", header: t("columns.name"), value: (r) => r.title },
    {
      id: "expires",
      header: t("columns.expires"),
      value: (r) => r.expiresAt,
      display: (r) => (
        <>
          {format.calendarDate(r.expiresAt)}{" "}
          {r.expired && (
            <Badge color="red" size="sm">
              {t("gaps.expired")}
            </Badge>
          )}
        </>
      ),
    },
  ];
  const weakColumns: ReportColumn<Weak>[] = [
    { id: "stage", header: t("columns.stage"), value: (r) => r.stage ?? t("none") },
    { id: "persona", header: t("columns.persona"), value: (r) => r.persona ?? t("none") },
    { id: "weak", header: t("columns.weak"), value: (r) => r.weak, numeric: true },
    { id: "total", header: t("columns.total"), value: (r) => r.total, numeric: true },
  ];
  return (
    <>
      <PageHeader
        title={t("gaps.title")}
        description={t("gaps.intro")}
        actions={<PeriodControls period={period} />}
      />
      <QueryState query={query} what={t("gaps.title")}>
        {(gaps) => (
          <Stack gap="lg">
            <Paper withBorder p="md" radius="md">
              <Text fw={700} mb="sm">
                {t("gaps.searches")}
              </Text>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {(["en", "ja"] as const).map((language) => (
                  <div key={language}>
                    <ReportTable
                      caption={t(language === "en" ? "gaps.searchesEn" : "gaps.searchesJa")}
                      columns={searchColumns}
                      rows={gaps.zeroResultSearches[language]}
                      rowKey={(r) => r.query}
                      fileName={`zero-result-searches-${language}-${suffix}`}
                    />
                  </div>
                ))}
              </SimpleGrid>
            </Paper>
            <Paper withBorder p="md" radius="md">
              <ReportTable
                caption={t("gaps.cells")}
                columns={cellColumns}
                rows={gaps.emptyCells}
                rowKey={(r) => `${r.stage}/${r.persona}`}
                fileName={`empty-cells-${suffix}`}
              />
            </Paper>
            <Paper withBorder p="md" radius="md">
              <ReportTable
                caption={t("gaps.unused")}
                columns={unusedColumns}
                rows={gaps.unusedAssets}
                rowKey={(r) => r.assetId}
                fileName={`unused-assets-${suffix}`}
              />
            </Paper>
            <Paper withBorder p="md" radius="md">
              <ReportTable
                caption={t("gaps.expiring")}
                columns={expiringColumns}
                rows={gaps.expiringAssets}
                rowKey={(r) => r.assetId}
                fileName={`expiring-assets-${suffix}`}
              />
            </Paper>
            <Paper withBorder p="md" radius="md">
              <ReportTable
                caption={t("gaps.weak")}
                columns={weakColumns}
                rows={gaps.weakSuggestions}
                rowKey={(r) => `${r.stage}/${r.persona}`}
                fileName={`weak-suggestions-${suffix}`}
              />
              <Text size="xs" c="dimmed" mt="xs">
                {t("gaps.weakHint")}
              </Text>
            </Paper>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
