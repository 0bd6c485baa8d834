/** ISO 8601 weeks (Monday to Sunday, UTC), named like 2026-W49: the weekly summary's unit. */
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export const isoWeekPattern = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** The ISO week holding `at`. */
export function isoWeekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // the week's Thursday decides its year
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The week's half-open range [Monday 00:00 UTC, next Monday); null for a week the year does not have (2025-W53). */
export function isoWeekRange(week: string): { from: Date; to: Date } | null {
  if (!isoWeekPattern.test(week)) return null;
  const [year, num] = week.split("-W").map(Number) as [number, number];
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY_MS;
  const from = new Date(mondayOfWeek1 + (num - 1) * WEEK_MS);
  if (isoWeekOf(from) !== week) return null;
  return { from, to: new Date(from.getTime() + WEEK_MS) };
}

/** The week `weeks` after (or before, when negative) `week`. */
export function shiftIsoWeek(week: string, weeks: number): string {
  const range = isoWeekRange(week);
  if (!range) throw new Error(`not an ISO week: ${week}`);
  return isoWeekOf(new Date(range.from.getTime() + weeks * WEEK_MS));
}
