import { Group, Stack, Text } from "@mantine/core";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ChartData } from "./chart-data";
import { ChartDownload } from "./chart-download";
import { LineChart } from "./line-chart";

/**
 * A report's chart: its title, CSV and PNG downloads, and the chart. Every analytics chart goes
 * through here. `fileName` (no extension) gets the chart's first and last bucket appended.
 */
export function ReportChart({ chart, fileName }: { chart: ChartData; fileName: string }) {
  const { t } = useTranslation("analytics");
  const svgRef = useRef<SVGSVGElement>(null);
  const span = chart.buckets.length > 0 ? `-${chart.buckets[0]}-${chart.buckets.at(-1)}` : "";
  return (
    <Stack gap="xs" className="print-keep">
      <Group justify="space-between">
        <Text fw={600}>{chart.title}</Text>
        <ChartDownload chart={chart} svgRef={svgRef} fileName={`${fileName}${span}`} />
      </Group>
      {chart.buckets.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("noData")}
        </Text>
      ) : (
        <LineChart chart={chart} svgRef={svgRef} />
      )}
    </Stack>
  );
}
