import "@mantine/charts/styles.css";
import { LineChart } from "@mantine/charts";
import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../api-types";

type UsagePoint = RouterOutputs["analytics"]["usage"]["points"][number];

const measures = [
  { name: "views", color: "blue.6" },
  { name: "shares", color: "teal.6" },
  { name: "inserts", color: "grape.6" },
  { name: "opens", color: "orange.6" },
] as const;

const DAY_MS = 86_400_000;

/** Every bucket from the first to the last (a week or a day apart), so quiet ones show as zero. */
function allBuckets(first: string, last: string, step: "day" | "week"): string[] {
  const out: string[] = [];
  const end = Date.parse(last);
  for (let at = Date.parse(first); at <= end && out.length < 2000; at += (step === "week" ? 7 : 1) * DAY_MS) {
    out.push(new Date(at).toISOString().slice(0, 10));
  }
  return out;
}

/** Views, shares, inserts and prospect opens per bucket, summed over any split. */
export function UsageChart({ points, bucket }: { points: readonly UsagePoint[]; bucket: "day" | "week" }) {
  const { t } = useTranslation("analytics");
  const byBucket = new Map<
    string,
    { bucket: string; views: number; shares: number; inserts: number; opens: number }
  >();
  for (const p of points) {
    const row = byBucket.get(p.bucket) ?? { bucket: p.bucket, views: 0, shares: 0, inserts: 0, opens: 0 };
    row.views += p.views;
    row.shares += p.shares;
    row.inserts += p.inserts;
    row.opens += p.opens;
    byBucket.set(p.bucket, row);
  }
  const seen = [...byBucket.keys()].sort();
  const data =
    seen.length === 0
      ? []
      : allBuckets(seen[0] as string, seen.at(-1) as string, bucket).map(
          (b) => byBucket.get(b) ?? { bucket: b, views: 0, shares: 0, inserts: 0, opens: 0 },
        );
  if (data.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t("noData")}
      </Text>
    );
  }
  return (
    <LineChart
      h={260}
      data={data}
      dataKey="bucket"
      withLegend
      curveType="linear"
      series={measures.map((m) => ({ name: m.name, color: m.color, label: t(`columns.${m.name}`) }))}
    />
  );
}
