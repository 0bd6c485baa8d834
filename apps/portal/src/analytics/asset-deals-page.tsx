import { Anchor, Badge, Paper } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { RouterOutputs } from "../api-types";
import { useReportFormat } from "../i18n/report-format";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { PeriodControls, useReportPeriod } from "./report-period";
import { type ReportColumn, ReportTable } from "./report-table";

type AssetDeal = RouterOutputs["analytics"]["assetDeals"]["deals"][number];

/** Drill-down from an asset to the deals of the period it touched. */
export function AssetDealsPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const period = useReportPeriod();
  const query = useQuery(
    trpc.analytics.assetDeals.queryOptions({ assetId: id, from: period.from, to: period.to }),
  );
  const format = useReportFormat(query.data?.currency);
  const columns: ReportColumn<AssetDeal>[] = [
    {
      id: "deal",
      header: t("columns.deal"),
      value: (d) => d.name,
      display: (d) => (
        <Anchor component={Link} to={`/analytics/deals/${d.dealId}`}>
          {d.name}
        </Anchor>
      ),
    },
    { id: "account", header: t("columns.account"), value: (d) => d.accountName },
    {
      id: "status",
      header: t("columns.status"),
      value: (d) => t(`status.${d.status}`),
    },
    {
      id: "amount",
      header: t("columns.amount", { currency: query.data?.currency ?? "" }),
      value: (d) => (d.amount === null ? null : Math.round(d.amount * 100) / 100),
      display: (d) => (d.amount === null ? "–" : format.money(d.amount)),
      numeric: true,
    },
    {
      id: "closedAt",
      header: t("columns.closedAt"),
      value: (d) => d.closedAt,
      display: (d) => format.date(d.closedAt),
    },
    { id: "owner", header: t("columns.owner"), value: (d) => d.ownerName },
    {
      id: "firstTouch",
      header: t("columns.firstTouch"),
      value: (d) => d.firstTouchAt,
      display: (d) => format.date(d.firstTouchAt),
    },
    {
      id: "lastTouch",
      header: t("columns.lastTouch"),
      value: (d) => d.lastTouchAt,
      display: (d) => format.date(d.lastTouchAt),
    },
    { id: "uses", header: t("columns.uses"), value: (d) => d.uses, numeric: true },
    {
      id: "counted",
      header: t("columns.counted"),
      value: (d) => (d.counted ? t("yes") : t("no")),
      display: (d) => <Badge color={d.counted ? "green" : "gray"}>{d.counted ? t("yes") : t("no")}</Badge>,
    },
  ];
  return (
    <QueryState query={query} what={t("nav.influence")}>
      {(data) => (
        <>
          <PageHeader
            title={t("drill.assetTitle", { title: data.asset.title })}
            description={t("drill.assetIntro")}
            actions={<PeriodControls period={period} />}
          />
          <Paper withBorder p="md" radius="md">
            <ReportTable
              columns={columns}
              rows={data.deals}
              rowKey={(d) => d.dealId}
              fileName={`asset-deals-${id}-${period.from}-${period.to}.csv`}
            />
          </Paper>
        </>
      )}
    </QueryState>
  );
}
