import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { isoWeekOf, isoWeekRange, shiftIsoWeek } from "@pitchside/shared";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { RouterOutputs } from "../api-types";
import { useReportFormat } from "../i18n/report-format";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { type ReportColumn, ReportTable } from "./report-table";
import { useTypeLabel } from "./type-label";

type Summary = RouterOutputs["analytics"]["weeklySummary"];
type Top = Summary["topContent"][number];
type Query = Summary["newGaps"]["zeroResultQueries"][number];
type Cell = NonNullable<Summary["newGaps"]["uncoveredCells"]>[number];
type Expired = Summary["newGaps"]["expiredAssets"][number];
type Unused = Summary["unusedAssets"][number];

const DAY_MS = 86_400_000;

/** The weekly summary (also mailed weekly when mail is set up): one ISO week, UTC. */
export function SummaryPage() {
  const { t, i18n } = useTranslation("analytics");
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const lastWeek = shiftIsoWeek(isoWeekOf(new Date()), -1);
  const asked = params.get("week");
  const week = asked && isoWeekRange(asked) ? asked : lastWeek;
  const query = useQuery(trpc.analytics.weeklySummary.queryOptions({ week }));
  const format = useReportFormat(query.data?.currency);
  const typeLabel = useTypeLabel();
  const ja = i18n.language === "ja";
  // the weeks are UTC: their days are written in UTC, whatever the reader's zone
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
  const range = isoWeekRange(week);
  const rangeLabel = range
    ? t("summary.range", {
        from: day.format(range.from),
        to: day.format(new Date(range.to.getTime() - DAY_MS)),
      })
    : "";
  const go = (w: string) => setParams(w === lastWeek ? {} : { week: w });
  const topColumns: ReportColumn<Top>[] = [
    {
      id: "name",
      header: t("columns.name"),
      value: (r) => (ja && r.titleJa) || r.title,
      display: (r) => <Link to={`/analytics/assets/${r.assetId}`}>{(ja && r.titleJa) || r.title}</Link>,
    },
    { id: "type", header: t("columns.type"), value: (r) => typeLabel(r.type) },
    { id: "touched", header: t("summary.touched"), value: (r) => r.dealsTouched, numeric: true },
    { id: "won", header: t("summary.won"), value: (r) => r.won, numeric: true },
    {
      id: "winRate",
      header: t("summary.winRate"),
      value: (r) => r.winRate,
      display: (r) => format.percent(r.winRate),
      numeric: true,
    },
    {
      id: "revenue",
      header: t("summary.revenue"),
      value: (r) => r.influencedRevenue,
      display: (r) => format.money(r.influencedRevenue),
      numeric: true,
    },
  ];
  const queryColumns: ReportColumn<Query>[] = [
    { id: "query", header: t("columns.query"), value: (r) => r.query },
    { id: "searches", header: t("columns.searches"), value: (r) => r.searches, numeric: true },
  ];
  const cellColumns: ReportColumn<Cell>[] = [
    { id: "stage", header: t("columns.stage"), value: (r) => (ja ? r.stageLabel.ja : r.stageLabel.en) },
    {
      id: "persona",
      header: t("columns.persona"),
      value: (r) => (ja ? r.personaLabel.ja : r.personaLabel.en),
    },
  ];
  const expiredColumns: ReportColumn<Expired>[] = [
    { id: "name", header: t("columns.name"), value: (r) => r.title },
    {
      id: "expires",
      header: t("columns.expires"),
      value: (r) => r.expiresAt,
      display: (r) => format.calendarDate(r.expiresAt),
    },
  ];
  const unusedColumns: ReportColumn<Unused>[] = [
    { id: "name", header: t("columns.name"), value: (r) => r.title },
    { id: "type", header: t("columns.type"), value: (r) => typeLabel(r.type) },
    {
      id: "published",
      header: t("columns.published"),
      value: (r) => r.publishedAt,
      display: (r) => format.date(r.publishedAt),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("summary.title")}
        description={t("summary.intro")}
        actions={
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={() => go(shiftIsoWeek(week, -1))}>
              {t("summary.previous")}
            </Button>
            <Text fw={600} aria-live="polite">
              {rangeLabel}
            </Text>
            <Button
              variant="default"
              size="xs"
              disabled={week >= isoWeekOf(new Date())}
              onClick={() => go(shiftIsoWeek(week, 1))}
            >
              {t("summary.next")}
            </Button>
          </Group>
        }
      />
      <QueryState query={query} what={t("summary.title")}>
        {(s) => (
          <Stack gap="lg">
            {!s.complete && <Badge variant="light">{t("summary.soFar")}</Badge>}
            <Paper withBorder p="md" radius="md">
              <ReportTable
                caption={t("summary.top")}
                columns={topColumns}
                rows={s.topContent}
                rowKey={(r) => r.assetId}
                fileName={`summary-top-content-${s.week}.csv`}
              />
            </Paper>
            <Paper withBorder p="md" radius="md">
              <Stack gap="md">
                <Text fw={700}>{t("summary.newGaps")}</Text>
                <ReportTable
                  caption={t("summary.queries")}
                  columns={queryColumns}
                  rows={s.newGaps.zeroResultQueries}
                  rowKey={(r) => r.query}
                  fileName={`summary-new-zero-result-searches-${s.week}.csv`}
                />
                {s.newGaps.uncoveredCells === null ? (
                  <Text size="sm" c="dimmed">
                    {t("summary.noBaseline", { count: s.uncoveredCellCount })}
                  </Text>
                ) : (
                  <ReportTable
                    caption={t("summary.cells", { count: s.uncoveredCellCount })}
                    columns={cellColumns}
                    rows={s.newGaps.uncoveredCells}
                    rowKey={(r) => `${r.stage}/${r.persona}`}
                    fileName={`summary-new-empty-cells-${s.week}.csv`}
                  />
                )}
                <ReportTable
                  caption={t("summary.expired")}
                  columns={expiredColumns}
                  rows={s.newGaps.expiredAssets}
                  rowKey={(r) => r.assetId}
                  fileName={`summary-expired-${s.week}.csv`}
                />
              </Stack>
            </Paper>
            <Paper withBorder p="md" radius="md">
              <ReportTable
                caption={t("summary.unused", { count: s.unusedCount })}
                columns={unusedColumns}
                rows={s.unusedAssets}
                rowKey={(r) => r.assetId}
                fileName={`summary-unused-${s.week}.csv`}
              />
            </Paper>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
