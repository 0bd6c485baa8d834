import { Group, Paper, SegmentedControl, Select, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { EngagementPanel } from "./engagement-panel";
import { PeriodControls, useReportParam, useReportPeriod } from "./report-period";
import { ReportTable } from "./report-table";
import { surfaceLabel } from "./surface-label";
import { TrendChart } from "./trend-chart";
import { usageColumns } from "./usage-columns";

const splits = ["none", "asset", "rep", "team", "surface"] as const;
const buckets = ["week", "day"] as const;

/** Usage over time by asset, rep, team or surface, and prospect engagement per asset or link. */
export function UsagePage() {
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const period = useReportPeriod();
  const [by, setBy] = useReportParam("by", splits, "asset");
  const [bucket, setBucket] = useReportParam("bucket", buckets, "week");
  const range = { from: period.from, to: period.to };
  const usage = useQuery(trpc.analytics.usage.queryOptions({ ...range, by, bucket }));
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
        <EngagementPanel period={period} />
      </Stack>
    </>
  );
}
