import { Group, Paper, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { EngagementPanel } from "./engagement-panel";
import { PeriodControls, useReportParam, useReportPeriod } from "./report-period";
import { ReportTable } from "./report-table";
import { surfaceLabel } from "./surface-label";
import { TrendChart } from "./trend-chart";
import { usageColumns, usageRowKey, usageRows, usageTopLine } from "./usage-columns";

const splits = ["none", "asset", "rep", "team", "surface"] as const;
const buckets = ["week", "day"] as const;
/** How many assets, reps or teams the table shows one by one; the rest are one "Other" row. */
const limits = ["10", "25", "50"] as const;

/** Usage over time by asset, rep, team or surface, and prospect engagement per asset or link. */
export function UsagePage() {
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const period = useReportPeriod();
  const [by, setBy] = useReportParam("by", splits, "asset");
  const [bucket, setBucket] = useReportParam("bucket", buckets, "week");
  const [limit, setLimit] = useReportParam("top", limits, "10");
  const format = useFormat();
  const range = { from: period.from, to: period.to };
  const usage = useQuery(trpc.analytics.usage.queryOptions({ ...range, by, bucket, limit: Number(limit) }));
  const ranked = by === "asset" || by === "rep" || by === "team";
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
            {ranked && (
              <Select
                label={t("usage.limit")}
                value={limit}
                allowDeselect={false}
                onChange={(value) => value && setLimit(value as typeof limit)}
                data={limits.map((n) => ({ value: n, label: t("usage.limitOption", { n }) }))}
                w={120}
              />
            )}
            <SegmentedControl
              value={bucket}
              onChange={(value) => setBucket(value as typeof bucket)}
              data={buckets.map((b) => ({ value: b, label: t(`usage.${b}`) }))}
            />
          </Group>
          <QueryState query={usage} what={t("usage.title")}>
            {(data) => (
              <Stack>
                <TrendChart points={data.buckets} bucket={data.bucket} />
                {usageTopLine(t, by, data, format.number) && (
                  <Text size="sm" c="dimmed">
                    {usageTopLine(t, by, data, format.number)}
                  </Text>
                )}
                <ReportTable
                  caption={t("usage.totals", { group: t(`groups.${by}`) })}
                  columns={usageColumns(t, by, (row) =>
                    by === "surface"
                      ? surfaceLabel(t, row.key ?? "")
                      : (row.label ?? (by === "none" ? t("groups.none") : t("none"))),
                  )}
                  rows={usageRows(data)}
                  rowKey={usageRowKey}
                  fileName={`usage-${by}-${bucket}-${period.from}-${period.to}.csv`}
                />
              </Stack>
            )}
          </QueryState>
        </Paper>
        <EngagementPanel period={period} />
      </Stack>
    </>
  );
}
