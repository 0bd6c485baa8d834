import { Skeleton } from "@mantine/core";
import { type ComponentProps, lazy, Suspense } from "react";
import type { UsageChart as Chart } from "./usage-chart";

// recharts is most of a page's weight: it loads after the page, in a chunk of its own
const UsageChart = lazy(async () => ({ default: (await import("./usage-chart")).UsageChart }));

/** The usage trend, fetched on first render with a placeholder of the same height. */
export function TrendChart(props: ComponentProps<typeof Chart>) {
  return (
    <Suspense fallback={<Skeleton h={260} />}>
      <UsageChart {...props} />
    </Suspense>
  );
}
