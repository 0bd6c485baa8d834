import { Anchor } from "@mantine/core";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { RouterOutputs } from "../api-types";
import type { useReportFormat } from "./report-format";
import type { ReportColumn } from "./report-table";

export type InfluenceReport = RouterOutputs["analytics"]["contentInfluence"];
export type InfluenceRow = InfluenceReport["items"][number];

export interface RowLabels {
  t: TFunction<"analytics">;
  typeLabel: (type: string | null) => string;
  language: string;
}

/** The name a row shows: the asset title, the type's label, the taxonomy label in the UI language. */
export function rowName(row: InfluenceRow, groupBy: InfluenceReport["groupBy"], labels: RowLabels): string {
  if (groupBy === "type") return labels.typeLabel(row.key);
  if (row.key === null) return labels.t("none");
  return labels.language === "ja" && row.titleJa ? row.titleJa : row.title;
}

/** The influence table's columns, shared by the page and its CSV export. */
export function influenceColumns(
  report: Pick<InfluenceReport, "groupBy" | "currency">,
  labels: RowLabels,
  format: ReturnType<typeof useReportFormat>,
  periodSearch: string,
): ReportColumn<InfluenceRow>[] {
  const { t } = labels;
  const name = (row: InfluenceRow) => rowName(row, report.groupBy, labels);
  const columns: ReportColumn<InfluenceRow>[] = [
    {
      id: "name",
      header: t(`groups.${report.groupBy}`),
      value: name,
      display: (row) =>
        row.assetId ? (
          <Anchor component={Link} to={`/analytics/assets/${row.assetId}${periodSearch}`}>
            {name(row)}
          </Anchor>
        ) : (
          name(row)
        ),
    },
  ];
  if (report.groupBy === "asset") {
    columns.push({
      id: "type",
      header: t("columns.type"),
      value: (row) =>
        t(`library:types.${row.type}` as "library:types.other", { defaultValue: row.type ?? "" }),
    });
  }
  const num = (id: "dealsTouched" | "won" | "lost" | "open"): ReportColumn<InfluenceRow> => ({
    id,
    header: t(`columns.${id}`),
    value: (row) => row[id],
    numeric: true,
  });
  columns.push(
    num("dealsTouched"),
    num("won"),
    num("lost"),
    num("open"),
    {
      id: "winRate",
      header: t("columns.winRate"),
      value: (row) => row.winRate,
      display: (row) => format.percent(row.winRate),
      numeric: true,
    },
    {
      id: "lift",
      header: t("columns.lift"),
      value: (row) => row.lift,
      display: (row) => format.lift(row.lift),
      numeric: true,
    },
    {
      id: "influencedRevenue",
      header: t("columns.influencedRevenue", { currency: report.currency }),
      value: (row) => Math.round(row.influencedRevenue * 100) / 100,
      display: (row) => format.money(row.influencedRevenue),
      numeric: true,
    },
    {
      id: "avgDaysToClose",
      header: t("columns.avgDaysToClose"),
      value: (row) => (row.avgDaysToClose === null ? null : Math.round(row.avgDaysToClose * 10) / 10),
      display: (row) => format.days(row.avgDaysToClose),
      numeric: true,
    },
  );
  return columns;
}
