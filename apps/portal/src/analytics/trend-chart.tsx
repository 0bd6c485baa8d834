import { Skeleton } from "@mantine/core";
import { type ComponentProps, lazy, Suspense } from "react";
import type { UsageChart as Chart } from "./usage-chart";

// the chart and its downloads load after the page, in a chunk of their own (the first-load budget)
const UsageChart = lazy(async () => ({ default: (await import("./usage-chart")).UsageChart }));

/** The usage trend, fetched on first render with a placeholder of about its height. */
export function TrendChart(props: ComponentProps<typeof Chart>) {
  return (
    <Suspense fallback={<Skeleton h={340} />}>
      <UsageChart {...props} />
    </Suspense>
  );
}
