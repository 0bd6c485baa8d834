/** Median and p95 of a list of milliseconds, and a one-line summary. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export const median = (values: number[]) => percentile(values, 50);

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

export function summary(label: string, values: number[]): string {
  return `${label.padEnd(34)} n=${String(values.length).padStart(5)}  median ${fmt(median(values)).padStart(9)}  p95 ${fmt(percentile(values, 95)).padStart(9)}`;
}
