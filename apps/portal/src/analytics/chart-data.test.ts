import { describe, expect, it } from "vitest";
import { allBuckets, chartCsvColumns, chartCsvRows, seriesOver } from "./chart-data";
import { parseCsv, toCsv } from "./csv";
import { usageChartData } from "./usage-chart";

const point = (
  bucket: string,
  key: string,
  views: number,
  shares: number,
  inserts: number,
  opens: number,
) => ({
  bucket,
  key,
  label: key,
  views,
  shares,
  inserts,
  opens,
});

// two assets in the week of Nov 2, nothing in the week of Nov 9, one asset in the week of Nov 16
const points = [
  point("2026-11-02", "A", 3, 1, 1, 0),
  point("2026-11-02", "B", 1, 1, 1, 2),
  point("2026-11-16", "A", 1, 0, 0, 1),
];
const labels = { views: "閲覧", shares: "共有", inserts: "挿入", opens: "見込み客の開封" };

describe("chart data", () => {
  it("lists every bucket from the first to the last, a day or a week apart", () => {
    expect(allBuckets("2026-11-02", "2026-11-16", "week")).toEqual([
      "2026-11-02",
      "2026-11-09",
      "2026-11-16",
    ]);
    expect(allBuckets("2026-12-30", "2027-01-02", "day")).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
    ]);
  });

  it("sums a split per bucket and shows a quiet bucket as zero", () => {
    const chart = usageChartData(points, "week", "利用状況", (m) => labels[m]);
    expect(chart.buckets).toEqual(["2026-11-02", "2026-11-09", "2026-11-16"]);
    expect(chart.series).toEqual([
      { id: "views", label: "閲覧", values: [4, 0, 1] },
      { id: "shares", label: "共有", values: [2, 0, 0] },
      { id: "inserts", label: "挿入", values: [2, 0, 0] },
      { id: "opens", label: "見込み客の開封", values: [2, 0, 1] },
    ]);
    expect(seriesOver([], "day", [{ id: "x", label: "x", value: () => 1 }])).toEqual({
      buckets: [],
      series: [{ id: "x", label: "x", values: [] }],
    });
  });

  it("exports the data behind the chart: ISO week starts, then each series' raw counts", () => {
    const chart = usageChartData(points, "week", "利用状況", (m) => labels[m]);
    const csv = toCsv(chartCsvColumns(chart, "週の開始日"), chartCsvRows(chart));
    expect(csv).toBe(
      "週の開始日,閲覧,共有,挿入,見込み客の開封\r\n2026-11-02,4,2,2,2\r\n2026-11-09,0,0,0,0\r\n2026-11-16,1,0,0,1\r\n",
    );
    expect(parseCsv(csv)).toHaveLength(4);
  });
});
