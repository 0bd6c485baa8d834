import type { CsvColumn } from "./csv";

/** A line chart's data, shown and exported alike: one value per series and bucket. */
export interface ChartData {
  title: string;
  /** Each bucket is a calendar day, or the ISO week (Monday) starting that day. */
  step: "day" | "week";
  /** Calendar days (YYYY-MM-DD), in order, with no gaps: a quiet bucket holds zeros. */
  buckets: string[];
  series: { id: string; label: string; values: number[] }[];
}

const DAY_MS = 86_400_000;
const MAX_BUCKETS = 2000;

/** Every bucket from the first to the last (a week or a day apart), so quiet ones show as zero. */
export function allBuckets(first: string, last: string, step: "day" | "week"): string[] {
  const out: string[] = [];
  const end = Date.parse(last);
  const stride = (step === "week" ? 7 : 1) * DAY_MS;
  for (let at = Date.parse(first); at <= end && out.length < MAX_BUCKETS; at += stride) {
    out.push(new Date(at).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * Rows keyed by bucket, summed per bucket over any split, as series over every bucket from the
 * first to the last seen.
 */
export function seriesOver<T extends { bucket: string }>(
  rows: readonly T[],
  step: "day" | "week",
  series: readonly { id: string; label: string; value: (row: T) => number }[],
): Pick<ChartData, "buckets" | "series"> {
  const sums = new Map<string, number[]>();
  for (const row of rows) {
    const sum = sums.get(row.bucket) ?? series.map(() => 0);
    series.forEach((s, i) => {
      sum[i] = (sum[i] ?? 0) + s.value(row);
    });
    sums.set(row.bucket, sum);
  }
  const seen = [...sums.keys()].sort();
  const buckets = seen.length === 0 ? [] : allBuckets(seen[0] as string, seen.at(-1) as string, step);
  return {
    buckets,
    series: series.map((s, i) => ({
      id: s.id,
      label: s.label,
      values: buckets.map((b) => sums.get(b)?.[i] ?? 0),
    })),
  };
}

/**
 * The chart's data as CSV columns: the bucket's first day as an ISO date (a spreadsheet reads it as a
 * date in any language), then each series' raw count.
 */
export function chartCsvColumns(chart: ChartData, bucketHeader: string): CsvColumn<number>[] {
  return [
    { header: bucketHeader, value: (i) => chart.buckets[i] ?? null },
    ...chart.series.map((s) => ({ header: s.label, value: (i: number) => s.values[i] ?? null })),
  ];
}

/** Row indexes of the chart's buckets, the rows chartCsvColumns reads. */
export const chartCsvRows = (chart: ChartData) => chart.buckets.map((_, i) => i);
