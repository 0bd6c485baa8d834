import { Badge, Paper } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { RouterOutputs } from "../api-types";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { useReportFormat } from "./report-format";
import { type ReportColumn, ReportTable } from "./report-table";
import { surfaceLabel } from "./surface-label";

type Entry = RouterOutputs["analytics"]["dealTimeline"]["entries"][number];

/** Drill-down from a deal: its stage changes and content use, in time order. */
export function DealTimelinePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const query = useQuery(trpc.analytics.dealTimeline.queryOptions({ dealId: id }));
  const format = useReportFormat();
  const what = (e: Entry) =>
    e.kind === "stage"
      ? t("drill.stageChanged", { from: e.fromStage ?? "–", to: e.toStage ?? "–" })
      : `${t(`events.${e.type}` as "events.shared", { defaultValue: e.type })}${e.assetTitle ? `: ${e.assetTitle}` : ""}`;
  const columns: ReportColumn<Entry>[] = [
    { id: "at", header: t("columns.at"), value: (e) => e.at, display: (e) => format.dateTime(e.at) },
    {
      id: "event",
      header: t("columns.event"),
      value: what,
      display: (e) => (
        <>
          {what(e)}{" "}
          {e.afterClose && (
            <Badge color="gray" size="sm">
              {t("drill.afterClose")}
            </Badge>
          )}
        </>
      ),
    },
    { id: "user", header: t("columns.user"), value: (e) => e.userName },
    {
      id: "surface",
      header: t("columns.surface"),
      value: (e) => (e.surface ? surfaceLabel(t, e.surface) : ""),
    },
  ];
  return (
    <QueryState query={query} what={t("nav.influence")}>
      {(data) => (
        <>
          <PageHeader
            title={t("drill.dealTitle", { name: data.deal.name })}
            description={t("drill.dealIntro")}
          />
          <Paper withBorder p="md" radius="md">
            <ReportTable
              columns={columns}
              rows={data.entries}
              rowKey={(e) => e.id}
              fileName={`deal-timeline-${id}.csv`}
            />
          </Paper>
        </>
      )}
    </QueryState>
  );
}
