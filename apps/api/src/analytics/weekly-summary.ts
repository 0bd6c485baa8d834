import {
  detectLanguage,
  isoWeekOf,
  isoWeekPattern,
  isoWeekRange,
  type Language,
  shiftIsoWeek,
} from "@pitchside/shared";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { users, weeklySummaries } from "../db/schema";
import { AppError } from "../errors";
import { enqueueJobOnce } from "../jobs/queue";
import type { JobHandler } from "../jobs/runner";
import { type ContentGaps, contentGaps, gapsInputSchema } from "./gaps-service";
import { contentInfluence, influenceInputSchema } from "./influence-service";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Assets nobody used in these many days up to the week's end are "unused". */
const UNUSED_DAYS = 28;
const TOP_CONTENT = 5;
const LIST_LIMIT = 20;

export const isoWeekSchema = z.string().regex(isoWeekPattern, "an ISO week such as 2026-W49");
export const weeklySummaryInputSchema = z.object({ week: isoWeekSchema.optional() });
export type WeeklySummaryInput = z.infer<typeof weeklySummaryInputSchema>;

/** The week's half-open range [Monday 00:00 UTC, next Monday). */
export function weekRange(week: string): { from: Date; to: Date } {
  const range = isoWeekRange(week);
  if (!range) throw new AppError("BAD_REQUEST", `week: ${week} does not exist`);
  return range;
}

export const previousWeek = (week: string) => shiftIsoWeek(week, -1);

/** The last week that has ended by `now`. */
export const lastCompleteWeek = (now: Date) => shiftIsoWeek(isoWeekOf(now), -1);

export interface WeeklySummary {
  week: string;
  from: string;
  to: string;
  /** False while the week is running: the figures are so far, and nothing is stored. */
  complete: boolean;
  currency: string;
  /** The week's content by influenced revenue (any-touch), then won and touched deals. */
  topContent: {
    assetId: string;
    title: string;
    titleJa: string | null;
    type: string | null;
    dealsTouched: number;
    won: number;
    winRate: number | null;
    influencedRevenue: number;
  }[];
  newGaps: {
    /** Queries that found nothing this week and had no zero-result search the week before. */
    zeroResultQueries: { query: string; language: Language; searches: number }[];
    /** Stage × persona cells uncovered now and covered in the previous week's stored summary; null without one. */
    uncoveredCells: ContentGaps["emptyCells"] | null;
    /** Published assets whose expiry date fell in the week. */
    expiredAssets: { assetId: string; title: string; expiresAt: string }[];
  };
  /** Published assets nobody viewed, shared or inserted in the 28 days up to the week's end (first 20). */
  unusedAssets: ContentGaps["unusedAssets"];
  unusedCount: number;
  /** Every uncovered stage × persona cell now, whether new or not. */
  uncoveredCellCount: number;
}

/** As stored: with every uncovered cell's key, what the next week compares its cells with. */
interface StoredSummary extends WeeklySummary {
  cells: string[];
}

const cellKey = (c: { stage: string; persona: string }) => JSON.stringify([c.stage, c.persona]);

async function storedSummary(db: Db, week: string): Promise<StoredSummary | null> {
  const [row] = await db.select().from(weeklySummaries).where(eq(weeklySummaries.week, week));
  return row ? (row.summary as unknown as StoredSummary) : null;
}

/** The week's summary computed from the reports as they stand at `now`. */
async function computeSummary(db: Db, week: string, now: Date): Promise<StoredSummary> {
  const range = weekRange(week);
  const end = new Date(Math.min(range.to.getTime(), now.getTime()));
  const iso = (d: Date) => d.toISOString();
  const gapsOf = (from: Date, to: Date) =>
    contentGaps(
      db,
      gapsInputSchema.parse({ from: iso(from), to: iso(to), expiringWithinDays: 0, limit: 500 }),
      end,
    );
  const [influence, gaps, before, unused, previous] = await Promise.all([
    contentInfluence(
      db,
      influenceInputSchema.parse({
        from: iso(range.from),
        to: iso(range.to),
        model: "any",
        groupBy: "asset",
      }),
      end,
    ),
    gapsOf(range.from, range.to),
    gapsOf(new Date(range.from.getTime() - WEEK_MS), range.from),
    gapsOf(new Date(range.to.getTime() - UNUSED_DAYS * DAY_MS), range.to),
    storedSummary(db, previousWeek(week)),
  ]);
  const seenBefore = new Set(
    [...before.zeroResultSearches.en, ...before.zeroResultSearches.ja].map((q) => q.query),
  );
  const zeroResultQueries = [...gaps.zeroResultSearches.en, ...gaps.zeroResultSearches.ja]
    .filter((q) => !seenBefore.has(q.query))
    .sort((a, b) => b.searches - a.searches || (a.query < b.query ? -1 : 1))
    .slice(0, LIST_LIMIT)
    .map((q) => ({ query: q.query, language: detectLanguage(q.query), searches: q.searches }));
  let uncoveredCells: WeeklySummary["newGaps"]["uncoveredCells"] = null;
  if (previous) {
    const had = new Set(previous.cells);
    uncoveredCells = gaps.emptyCells.filter((c) => !had.has(cellKey(c))).slice(0, LIST_LIMIT);
  }
  const topContent = influence.items
    .filter((i) => i.assetId !== null && i.dealsTouched > 0)
    .sort(
      (a, b) =>
        b.influencedRevenue - a.influencedRevenue ||
        b.won - a.won ||
        b.dealsTouched - a.dealsTouched ||
        (a.title < b.title ? -1 : 1),
    )
    .slice(0, TOP_CONTENT)
    .map((i) => ({
      assetId: i.assetId as string,
      title: i.title,
      titleJa: i.titleJa,
      type: i.type,
      dealsTouched: i.dealsTouched,
      won: i.won,
      winRate: i.winRate,
      influencedRevenue: i.influencedRevenue,
    }));
  return {
    week,
    from: iso(range.from),
    to: iso(range.to),
    complete: now.getTime() >= range.to.getTime(),
    currency: influence.currency,
    topContent,
    newGaps: {
      zeroResultQueries,
      uncoveredCells,
      expiredAssets: gaps.expiringAssets
        .filter((a) => a.expired && Date.parse(a.expiresAt) >= range.from.getTime())
        .slice(0, LIST_LIMIT)
        .map(({ assetId, title, expiresAt }) => ({ assetId, title, expiresAt })),
    },
    unusedAssets: unused.unusedAssets.slice(0, LIST_LIMIT),
    unusedCount: unused.unusedAssets.length,
    uncoveredCellCount: gaps.emptyCells.length,
    cells: gaps.emptyCells.map(cellKey),
  };
}

/**
 * analytics.weeklySummary: an ended week's summary is computed once and stored (the mail and
 * the page then show the same figures); the running week's is computed live, so far. Default:
 * the last week that has ended.
 */
export async function weeklySummary(
  db: Db,
  input: WeeklySummaryInput,
  now = new Date(),
): Promise<WeeklySummary> {
  const week = input.week ?? lastCompleteWeek(now);
  const range = weekRange(week);
  if (range.from.getTime() > now.getTime())
    throw new AppError("BAD_REQUEST", `week: ${week} has not started`);
  if (range.to.getTime() > now.getTime()) return withoutCells(await computeSummary(db, week, now));
  const stored = await storedSummary(db, week);
  if (stored) return withoutCells(stored);
  const summary = await computeSummary(db, week, now);
  await db
    .insert(weeklySummaries)
    .values({ week, summary: summary as unknown as Record<string, unknown> })
    .onConflictDoNothing();
  // another process may have stored its own first: everyone answers with the stored one
  return withoutCells((await storedSummary(db, week)) ?? summary);
}

function withoutCells({ cells: _cells, ...summary }: StoredSummary): WeeklySummary {
  return summary;
}

export interface SummarySchedule {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  day: number;
  /** Hour of the day, UTC. */
  hour: number;
}

/** The week whose summary is due at `now`: the last ended week, once this week's scheduled hour has come. */
export function dueWeek(now: Date, schedule: SummarySchedule): string | null {
  const thisWeek = weekRange(isoWeekOf(now));
  const due = thisWeek.from.getTime() + (schedule.day - 1) * DAY_MS + schedule.hour * 3_600_000;
  return now.getTime() >= due ? lastCompleteWeek(now) : null;
}

/**
 * The clock's part (housekeeping, every process): enqueues the due week's `weekly_summary` job,
 * once per ISO week across all processes (the week is the job's dedupe key). 1 when it did.
 */
export async function scheduleWeeklySummary(
  db: Db,
  schedule: SummarySchedule,
  now = new Date(),
): Promise<number> {
  const week = dueWeek(now, schedule);
  if (!week) return 0;
  const id = await enqueueJobOnce(db, "weekly_summary", { week }, `weekly_summary:${week}`);
  return id === null ? 0 : 1;
}

/**
 * The `weekly_summary` job: stores the week's summary and, when mail is configured, queues one
 * `send_mail` per active marketer and admin, each at most once per week.
 */
export function weeklySummaryJob(db: Db, config: Config): JobHandler {
  return {
    async run(payload) {
      const week = isoWeekSchema.parse(payload.week);
      await weeklySummary(db, { week });
      if (!config.smtp) return;
      const recipients = await db
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.role, ["marketer", "admin"]), isNull(users.disabledAt)));
      for (const r of recipients)
        await enqueueJobOnce(
          db,
          "send_mail",
          { summaryWeek: week, userId: r.id },
          `weekly_summary:${week}:${r.id}`,
        );
    },
  };
}

/** The summary a recipient reads: stored, so the mail shows the page's figures. */
export async function storedWeeklySummary(db: Db, week: string) {
  const s = await storedSummary(db, week);
  return s ? withoutCells(s) : null;
}
