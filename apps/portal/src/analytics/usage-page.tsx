import { Group, Paper, SegmentedControl, Select, Stack, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../api-types";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { PageHeatStrip } from "./page-heat-strip";
import { PeriodControls, useReportParam, useReportPeriod } from "./report-period";
import { type ReportColumn, ReportTable } from "./report-table";
import { surfaceLabel } from "./surface-label";
import { TrendChart } from "./trend-chart";
import { usageColumns } from "./usage-columns";

type Engagement = RouterOutputs["analytics"]["engagement"]["items"][number];
const splits = ["none", "asset", "rep", "team", "surface"] as const;
const buckets = ["week", "day"] as const;

/** Usage over time by asset, rep, team or surface, and prospect engagement per asset. */
export function UsagePage() {
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const period = useReportPeriod();
  const [by, setBy] = useReportParam("by", splits, "asset");
  const [bucket, setBucket] = useReportParam("bucket", buckets, "week");
  const range = { from: period.from, to: period.to };
  const usage = useQuery(trpc.analytics.usage.queryOptions({ ...range, by, bucket }));
  const engagement = useQuery(trpc.analytics.engagement.queryOptions(range));
  const engagementColumns: ReportColumn<Engagement>[] = [
    { id: "name", header: t("groups.asset"), value: (r) => r.title },
    { id: "opens", header: t("columns.opens"), value: (r) => r.opens, numeric: true },
    {
      id: "uniqueVisitors",
      header: t("columns.uniqueVisitors"),
      value: (r) => r.uniqueVisitors,
      numeric: true,
    },
    {
      id: "activeTime",
      header: `${t("columns.activeTime")} (s)`,
      value: (r) => Math.round(r.activeMs / 100) / 10,
      numeric: true,
    },
    {
      id: "pages",
      header: t("columns.pages"),
      value: (r) => r.pages.map((p) => `${p.page}:${Math.round(p.activeMs / 100) / 10}`).join(" "),
      display: (r) => <PageHeatStrip pages={r.pages} />,
    },
  ];
  return (
    <>
      <PageHeader
        title={t("usage.title")}
        description={t("usage.intro")}
        actions={<PeriodControls period={period} />}
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" align="flex-end" mb="md">
            <Select
              label={t("usage.by")}
              value={by}
              allowDeselect={false}
              onChange={(value) => value && setBy(value as typeof by)}
              data={splits.map((s) => ({ value: s, label: t(`groups.${s}`) }))}
            />
            <SegmentedControl
              value={bucket}
              onChange={(value) => setBucket(value as typeof bucket)}
              data={buckets.map((b) => ({ value: b, label: t(`usage.${b}`) }))}
            />
          </Group>
          <QueryState query={usage} what={t("usage.title")}>
            {(data) => (
              <Stack>
                <TrendChart points={data.points} bucket={data.bucket} />
                <ReportTable
                  caption={t("usage.totals", { group: t(`groups.${by}`) })}
                  columns={usageColumns(t, by, (row) =>
                    by === "surface"
                      ? surfaceLabel(t, row.key ?? "")
                      : (row.label ?? (by === "none" ? t("groups.none") : t("none"))),
                  )}
                  rows={data.totals}
                  rowKey={(row) => row.key ?? "none"}
                  fileName={`usage-${by}-${bucket}-${period.from}-${period.to}.csv`}
                />
              </Stack>
            )}
          </QueryState>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            {t("usage.engagement")}
          </Title>
          <QueryState query={engagement} what={t("usage.engagement")}>
            {(data) => (
              <ReportTable
                columns={engagementColumns}
                rows={data.items}
                rowKey={(r) => r.assetId}
                fileName={`engagement-${period.from}-${period.to}.csv`}
              />
            )}
          </QueryState>
        </Paper>
      </Stack>
    </>
  );
}
