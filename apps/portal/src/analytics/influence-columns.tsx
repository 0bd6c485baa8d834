import { Anchor, Stack, Text, Tooltip } from "@mantine/core";
import { minClosedDealsForLift, rankingWeights } from "@pitchside/shared";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { RouterOutputs } from "../api-types";
import type { useReportFormat } from "../i18n/report-format";
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

type Format = ReturnType<typeof useReportFormat>;
type Interval = InfluenceRow["interval"];

/** A win rate with its 95 % interval under it. */
function RateCell({
  rate,
  interval,
  format,
  t,
}: {
  rate: number | null;
  interval: Interval;
  format: Format;
  t: RowLabels["t"];
}) {
  return (
    <Stack gap={0} align="flex-end">
      <span>{format.percent(rate)}</span>
      {interval && (
        <Tooltip label={t("hints.interval")} multiline w={280} withArrow>
          <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
            {format.interval(interval)}
          </Text>
        </Tooltip>
      )}
    </Stack>
  );
}

/** Lift as a ratio and in points, or "not enough deals" under the minimum sample. */
export function LiftFigure({
  figures,
  format,
  t,
  fz,
}: {
  figures: Pick<InfluenceRow, "lift" | "liftPoints" | "enoughDeals">;
  format: Format;
  t: RowLabels["t"];
  /** The size of "not enough deals" (a KPI tile's figure is too large for a sentence). */
  fz?: string;
}) {
  if (!figures.enoughDeals) {
    return (
      <Tooltip label={t("hints.notEnough", { min: minClosedDealsForLift })} multiline w={280} withArrow>
        <Text span inherit={!fz} fz={fz} c="dimmed" fs="italic">
          {t("lift.notEnough")}
        </Text>
      </Tooltip>
    );
  }
  const points =
    figures.liftPoints === null ? "" : ` (${t("lift.points", { value: format.signed(figures.liftPoints) })})`;
  return <>{`${format.lift(figures.lift)}${points}`}</>;
}

/** Rounds a fraction for the CSV (rates and bounds to 6 decimals, as exported elsewhere unformatted). */
const raw = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Math.round(v * 1e6) / 1e6;

/** The influence table's columns, shared by the page and its CSV export. */
export function influenceColumns(
  report: Pick<InfluenceReport, "groupBy" | "currency" | "liftBaseline">,
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
      hint: t("hints.winRate"),
      value: (row) => row.winRate,
      display: (row) => <RateCell rate={row.winRate} interval={row.interval} format={format} t={t} />,
      numeric: true,
    },
    {
      id: "winRateLow",
      header: t("columns.winRateLow"),
      value: (row) => raw(row.interval?.low),
      numeric: true,
      exportOnly: true,
    },
    {
      id: "winRateHigh",
      header: t("columns.winRateHigh"),
      value: (row) => raw(row.interval?.high),
      numeric: true,
      exportOnly: true,
    },
    {
      id: "untouchedWinRate",
      header: t("columns.untouchedWinRate"),
      hint: t(`hints.untouched.${report.liftBaseline}`),
      value: (row) => row.untouched.winRate,
      display: (row) => (
        <RateCell rate={row.untouched.winRate} interval={row.untouched.interval} format={format} t={t} />
      ),
      numeric: true,
    },
    {
      id: "untouchedLow",
      header: t("columns.untouchedLow"),
      value: (row) => raw(row.untouched.interval?.low),
      numeric: true,
      exportOnly: true,
    },
    {
      id: "untouchedHigh",
      header: t("columns.untouchedHigh"),
      value: (row) => raw(row.untouched.interval?.high),
      numeric: true,
      exportOnly: true,
    },
    {
      id: "lift",
      header: t("columns.lift"),
      hint: t("hints.lift", { min: minClosedDealsForLift }),
      value: (row) => row.lift,
      display: (row) => <LiftFigure figures={row} format={format} t={t} />,
      numeric: true,
    },
    {
      id: "liftPoints",
      header: t("columns.liftPoints"),
      value: (row) => (row.liftPoints === null ? null : Math.round(row.liftPoints * 1e4) / 1e4),
      numeric: true,
      exportOnly: true,
    },
    {
      id: "enoughDeals",
      header: t("columns.enoughDeals"),
      value: (row) => (row.enoughDeals ? t("yes") : t("no")),
      exportOnly: true,
    },
    {
      id: "liftBaseline",
      header: t("columns.liftBaseline"),
      value: () => t(`baselines.${report.liftBaseline}`),
      exportOnly: true,
    },
    {
      id: "shrunkWinRate",
      header: t("columns.shrunkWinRate"),
      hint: t("hints.shrunkWinRate", { prior: rankingWeights.priorDeals }),
      value: (row) => row.shrunkWinRate,
      display: (row) => format.percent(row.shrunkWinRate),
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
