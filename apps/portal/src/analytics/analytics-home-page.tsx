import {
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { attributionModels, minClosedDealsForLift } from "@pitchside/shared";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { useReportFormat } from "../i18n/report-format";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { DefinitionsHelp } from "./definitions-help";
import { influenceColumns, LiftFigure } from "./influence-columns";
import { PeriodControls, useReportParam, useReportPeriod } from "./report-period";
import { ReportTable } from "./report-table";
import { TrendChart } from "./trend-chart";
import { useTypeLabel } from "./type-label";

const groupOptions = ["asset", "type", "stage", "persona", "team", "rep"] as const;

function KpiTile({
  label,
  value,
  hint,
  help,
}: {
  label: string;
  value: ReactNode;
  hint: string;
  /** What the figure means, as the label's tooltip. */
  help?: string;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Tooltip label={help} disabled={!help} multiline w={300} withArrow>
        <Text size="sm" c="dimmed" td={help ? "underline dotted" : undefined} w="fit-content">
          {label}
        </Text>
      </Tooltip>
      <Text fz={28} fw={700} data-testid={`kpi-${label}`}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

/** Marketing's analytics home: KPI tiles, the weekly trend and the influence table. */
export function AnalyticsHomePage() {
  const { t, i18n } = useTranslation("analytics");
  const trpc = useTRPC();
  const period = useReportPeriod();
  const { search } = useLocation();
  const [model, setModel] = useReportParam("model", attributionModels, "any");
  const [groupBy, setGroupBy] = useReportParam("groupBy", groupOptions, "asset");
  const range = { from: period.from, to: period.to };
  const influence = useQuery(trpc.analytics.contentInfluence.queryOptions({ ...range, model, groupBy }));
  const adoption = useQuery(trpc.analytics.adoption.queryOptions(range));
  const usage = useQuery(trpc.analytics.usage.queryOptions({ ...range, bucket: "week", by: "none" }));
  const format = useReportFormat(influence.data?.currency);
  const typeLabel = useTypeLabel();

  return (
    <>
      <PageHeader
        title={t("home.title")}
        description={t("home.intro")}
        actions={<PeriodControls period={period} />}
      />
      <Stack gap="lg">
        <QueryState query={influence} what={t("home.title")}>
          {(report) => (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
              <KpiTile
                label={t("home.kpi.revenue")}
                value={format.money(report.touched.wonRevenue)}
                hint={t("home.kpi.revenueHint")}
              />
              <KpiTile
                label={t("home.kpi.lift")}
                value={<LiftFigure figures={report.touched} format={format} t={t} fz="xl" />}
                hint={t("home.kpi.liftHint", {
                  touched: format.percent(report.touched.winRate),
                  untouched: format.percent(report.touched.untouched.winRate),
                })}
                help={t("hints.kpiLift", { min: minClosedDealsForLift })}
              />
              <KpiTile
                label={t("home.kpi.overall")}
                value={format.percent(report.baseline.winRate)}
                hint={t("home.kpi.overallHint", { closed: format.number(report.baseline.closed) })}
                help={t("hints.overall")}
              />
              <KpiTile
                label={t("home.kpi.deals")}
                value={format.number(report.touched.dealsTouched)}
                hint={t("home.kpi.dealsHint", report.touched)}
              />
              <KpiTile
                label={t("home.kpi.reps")}
                value={adoption.data ? format.number(adoption.data.activeReps) : "…"}
                hint={t("home.kpi.repsHint", { reps: adoption.data?.reps ?? "…" })}
              />
            </SimpleGrid>
          )}
        </QueryState>

        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            {t("home.trend")}
          </Title>
          <QueryState query={usage} what={t("home.trend")}>
            {(data) => <TrendChart points={data.buckets} bucket={data.bucket} />}
          </QueryState>
        </Paper>

        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" align="flex-end" mb="md">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t("home.model")}
              </Text>
              <SegmentedControl
                value={model}
                onChange={(value) => setModel(value as typeof model)}
                data={attributionModels.map((m) => ({ value: m, label: t(`models.${m}`) }))}
              />
            </Stack>
            <Select
              label={t("home.groupBy")}
              value={groupBy}
              allowDeselect={false}
              onChange={(value) => value && setGroupBy(value as typeof groupBy)}
              data={groupOptions.map((g) => ({ value: g, label: t(`groups.${g}`) }))}
            />
          </Group>
          <QueryState query={influence} what={t("home.title")}>
            {(report) => (
              <ReportTable
                caption={t("home.table", { group: t(`groups.${report.groupBy}`) })}
                columns={influenceColumns(report, { t, typeLabel, language: i18n.language }, format, search)}
                rows={report.items}
                rowKey={(row) => row.key ?? "none"}
                fileName={`influence-${report.groupBy}-${report.model}-${period.from}-${period.to}.csv`}
                initialSort={{ id: "shrunkWinRate", desc: true }}
              />
            )}
          </QueryState>
        </Paper>

        {influence.data && <DefinitionsHelp currency={influence.data.currency} />}
      </Stack>
    </>
  );
}
