import { Paper, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { PeriodControls, useReportPeriod } from "./report-period";
import { ReportTable } from "./report-table";
import { TrendChart } from "./trend-chart";
import { usageColumns, usageRowKey, usageRows, usageTopLine } from "./usage-columns";

/** A rep's own usage: what they used per week and per asset. */
export function MyUsagePage() {
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const period = useReportPeriod();
  const range = { from: period.from, to: period.to };
  const weekly = useQuery(trpc.analytics.myUsage.queryOptions({ ...range, bucket: "week", by: "none" }));
  // a rep's own assets: up to the most the API gives one by one, the rest as "Other"
  const perAsset = useQuery(
    trpc.analytics.myUsage.queryOptions({ ...range, bucket: "week", by: "asset", limit: 50 }),
  );
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t("mine.title")}
        description={t("mine.intro")}
        actions={<PeriodControls period={period} />}
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <QueryState query={weekly} what={t("mine.title")}>
            {(data) => <TrendChart points={data.buckets} bucket={data.bucket} fileName="my-usage" />}
          </QueryState>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <QueryState query={perAsset} what={t("mine.title")}>
            {(data) => (
              <Stack gap="xs">
                {usageTopLine(t, "asset", data, format.number) && (
                  <Text size="sm" c="dimmed">
                    {usageTopLine(t, "asset", data, format.number)}
                  </Text>
                )}
                <ReportTable
                  columns={usageColumns(t, "asset", (row) => row.label ?? t("none"))}
                  rows={usageRows(data)}
                  rowKey={usageRowKey}
                  fileName={`my-usage-${period.from}-${period.to}.csv`}
                />
              </Stack>
            )}
          </QueryState>
        </Paper>
      </Stack>
    </>
  );
}
