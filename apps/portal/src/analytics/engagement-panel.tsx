import { Group, Paper, SegmentedControl, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../api-types";
import { useReportFormat } from "../i18n/report-format";
import { useTRPC } from "../trpc";
import { QueryState } from "../ui/query-state";
import { PageHeatStrip } from "./page-heat-strip";
import { useReportParam, type useReportPeriod } from "./report-period";
import { type ReportColumn, ReportTable } from "./report-table";

type AssetRow = RouterOutputs["analytics"]["engagement"]["items"][number];
type LinkRow = RouterOutputs["analytics"]["linkEngagement"]["items"][number];
type Figures = AssetRow | LinkRow;
const views = ["asset", "link"] as const;

/** The figures both views show: opens, visitors, return visitors, time, pages read, completion, heat. */
function figureColumns<T extends Figures>(
  t: TFunction<"analytics">,
  format: ReturnType<typeof useReportFormat>,
): ReportColumn<T>[] {
  const count = (id: "opens" | "uniqueVisitors" | "returnVisitors"): ReportColumn<T> => ({
    id,
    header: t(`columns.${id}`),
    value: (r) => r[id],
    display: (r) => format.number(r[id]),
    numeric: true,
  });
  return [
    count("opens"),
    count("uniqueVisitors"),
    count("returnVisitors"),
    {
      id: "activeTime",
      header: t("columns.activeTimeSeconds"),
      value: (r) => Math.round(r.activeMs / 100) / 10,
      display: (r) => format.seconds(r.activeMs),
      numeric: true,
    },
    {
      id: "pagesRead",
      header: t("columns.pagesRead"),
      value: (r) => r.pagesRead,
      display: (r) =>
        t("usage.pagesOf", { read: format.number(r.pagesRead), total: format.number(r.pageCount) }),
      numeric: true,
    },
    {
      id: "completion",
      header: t("columns.completion"),
      value: (r) => r.completion,
      display: (r) => format.percent(r.completion),
      numeric: true,
    },
    {
      id: "pages",
      header: t("columns.pages"),
      value: (r) => r.pages.map((p) => `${p.page}:${Math.round(p.activeMs / 100) / 10}`).join(" "),
      display: (r) => <PageHeatStrip pages={r.pages} />,
    },
  ];
}

/** What prospects did with shared links, per asset or per link, for the usage page's period. */
export function EngagementPanel({ period }: { period: ReturnType<typeof useReportPeriod> }) {
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const format = useReportFormat();
  const [view, setView] = useReportParam("engagement", views, "asset");
  const range = { from: period.from, to: period.to };
  const perAsset = useQuery({ ...trpc.analytics.engagement.queryOptions(range), enabled: view === "asset" });
  const perLink = useQuery({
    ...trpc.analytics.linkEngagement.queryOptions(range),
    enabled: view === "link",
  });
  const assetColumns: ReportColumn<AssetRow>[] = [
    { id: "name", header: t("groups.asset"), value: (r) => r.title },
    ...figureColumns<AssetRow>(t, format),
  ];
  const linkColumns: ReportColumn<LinkRow>[] = [
    { id: "name", header: t("groups.asset"), value: (r) => r.title },
    {
      id: "link",
      header: t("columns.link"),
      value: (r) => r.name || r.recipientEmail || format.date(r.createdAt),
    },
    { id: "deal", header: t("columns.deal"), value: (r) => r.dealName },
    { id: "sharedBy", header: t("columns.sharedBy"), value: (r) => r.sharedBy },
    ...figureColumns<LinkRow>(t, format),
  ];
  const title = view === "asset" ? t("usage.engagement") : t("usage.engagementByLink");
  const fileName = `engagement-${view}-${period.from}-${period.to}.csv`;
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h4">
          {t("usage.engagementTitle")}
        </Title>
        <SegmentedControl
          value={view}
          onChange={(value) => setView(value as typeof view)}
          data={[
            { value: "asset", label: t("usage.perAsset") },
            { value: "link", label: t("usage.perLink") },
          ]}
        />
      </Group>
      <Text c="dimmed" size="sm" mb="sm">
        {t("usage.engagementHint")}
      </Text>
      {view === "asset" ? (
        <QueryState query={perAsset} what={title}>
          {(data) => (
            <ReportTable
              caption={title}
              columns={assetColumns}
              rows={data.items}
              rowKey={(r) => r.assetId}
              fileName={fileName}
            />
          )}
        </QueryState>
      ) : (
        <QueryState query={perLink} what={title}>
          {(data) => (
            <ReportTable
              caption={title}
              columns={linkColumns}
              rows={data.items}
              rowKey={(r) => r.shareId}
              fileName={fileName}
            />
          )}
        </QueryState>
      )}
    </Paper>
  );
}
