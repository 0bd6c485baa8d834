import type { TFunction } from "i18next";
import type { RouterOutputs } from "../api-types";
import type { ReportColumn } from "./report-table";

export type UsageTotal = RouterOutputs["analytics"]["usage"]["totals"][number];

/** Per-group usage totals: the usage page's table and the rep's own. */
export function usageColumns(
  t: TFunction<"analytics">,
  group: "none" | "asset" | "rep" | "team" | "surface",
  name: (row: UsageTotal) => string,
): ReportColumn<UsageTotal>[] {
  const count = (id: "views" | "shares" | "inserts" | "opens"): ReportColumn<UsageTotal> => ({
    id,
    header: t(`columns.${id}`),
    value: (row) => row[id],
    numeric: true,
  });
  return [
    { id: "name", header: t(`groups.${group}`), value: name },
    count("views"),
    count("shares"),
    count("inserts"),
    count("opens"),
  ];
}
