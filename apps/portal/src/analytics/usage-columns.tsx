import type { TFunction } from "i18next";
import type { RouterOutputs } from "../api-types";
import type { ReportColumn } from "./report-table";

type UsageResult = RouterOutputs["analytics"]["usage"];
export type UsageTotal = UsageResult["totals"][number];
/** A row of the totals table: a key shown, or the keys past the top summed ("Other"). */
export type UsageRow = UsageTotal & { other: boolean };

/** The totals table's rows: the top keys, then one "Other" row when some keys are not shown. */
export function usageRows(data: Pick<UsageResult, "totals" | "otherTotal">): UsageRow[] {
  const rows = data.totals.map((row) => ({ ...row, other: false }));
  if (!data.otherTotal) return rows;
  const { keys: _, ...counts } = data.otherTotal;
  return [...rows, { key: null, label: null, ...counts, other: true }];
}

export const usageRowKey = (row: UsageRow) => (row.other ? "other" : (row.key ?? "none"));

/** Per-group usage totals: the usage page's table and the rep's own. */
export function usageColumns(
  t: TFunction<"analytics">,
  group: "none" | "asset" | "rep" | "team" | "surface",
  name: (row: UsageTotal) => string,
): ReportColumn<UsageRow>[] {
  const count = (id: "views" | "shares" | "inserts" | "opens"): ReportColumn<UsageRow> => ({
    id,
    header: t(`columns.${id}`),
    value: (row) => row[id],
    numeric: true,
  });
  return [
    { id: "name", header: t(`groups.${group}`), value: (row) => (row.other ? t("usage.other") : name(row)) },
    count("views"),
    count("shares"),
    count("inserts"),
    count("opens"),
  ];
}

/** "Top 10 of 1,234 assets" when the split has more keys than it shows; null when it shows them all. */
export function usageTopLine(
  t: TFunction<"analytics">,
  group: "none" | "asset" | "rep" | "team" | "surface",
  data: Pick<UsageResult, "totals" | "keyCount" | "otherTotal">,
  number: (value: number) => string,
): string | null {
  if (!data.otherTotal || (group !== "asset" && group !== "rep" && group !== "team")) return null;
  return t(`usage.top.${group}`, { shown: number(data.totals.length), total: number(data.keyCount) });
}
