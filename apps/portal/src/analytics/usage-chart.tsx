import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../api-types";
import { type ChartData, seriesOver } from "./chart-data";
import { ReportChart } from "./report-chart";

/** A bucket's counts: every key summed (`buckets`), or one key's (`points`). */
type UsagePoint = RouterOutputs["analytics"]["usage"]["buckets"][number];

const measures = ["views", "shares", "inserts", "opens"] as const;

/** Views, shares, inserts and prospect opens per bucket, summed over any split. */
export function usageChartData(
  points: readonly UsagePoint[],
  step: "day" | "week",
  title: string,
  label: (measure: (typeof measures)[number]) => string,
): ChartData {
  return {
    title,
    step,
    ...seriesOver(
      points,
      step,
      measures.map((m) => ({ id: m, label: label(m), value: (p: UsagePoint) => p[m] })),
    ),
  };
}

/** The usage trend of a report (the user's own, or everyone's), with its downloads. */
export function UsageChart({
  points,
  bucket,
  fileName = "usage",
}: {
  points: readonly UsagePoint[];
  bucket: "day" | "week";
  fileName?: string;
}) {
  const { t } = useTranslation("analytics");
  const chart = useMemo(
    () =>
      usageChartData(points, bucket, t(bucket === "week" ? "chart.usagePerWeek" : "chart.usagePerDay"), (m) =>
        t(`columns.${m}`),
      ),
    [points, bucket, t],
  );
  return <ReportChart chart={chart} fileName={`${fileName}-${bucket}`} />;
}
