import { UsageChart } from "./usage-chart";

/** The usage trend: the name the report pages know the usage chart by. */
export const TrendChart = UsageChart;
