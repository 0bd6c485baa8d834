import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";

const DAY_MS = 86_400_000;

/** `from`/`to` as ISO dates or instants; `to` is exclusive, a date-only `to` includes that day. */
export const periodSchema = z.object({
  from: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  to: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
});
export type PeriodInput = z.infer<typeof periodSchema>;

export interface Period {
  from: Date;
  to: Date;
}

const isDateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

const startOf = (value: string) => new Date(isDateOnly(value) ? `${value}T00:00:00Z` : value);
const endOf = (value: string) =>
  isDateOnly(value) ? new Date(Date.parse(`${value}T00:00:00Z`) + DAY_MS) : new Date(value);

/** The half-open period [from, to); defaults to the 365 days up to now. */
export function resolvePeriod(input: PeriodInput, now = new Date()): Period {
  const to = input.to ? endOf(input.to) : now;
  const from = input.from ? startOf(input.from) : new Date(to.getTime() - 365 * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new AppError("BAD_REQUEST", "from: must be before to");
  return { from, to };
}

/** The period as SQL timestamptz parameters (ISO strings travel the same through both drivers). */
export const instants = (period: Period): { from: SQL; to: SQL } => ({
  from: sql`${period.from.toISOString()}::timestamptz`,
  to: sql`${period.to.toISOString()}::timestamptz`,
});
