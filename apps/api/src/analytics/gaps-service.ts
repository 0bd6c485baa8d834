import { detectLanguage, type Language } from "@pitchside/shared";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { REP_USE_TYPES } from "./adoption-service";
import { instants, periodSchema, resolvePeriod } from "./report-period";
import { isoOf as iso, rowsOf } from "./sql-rows";
import { cellCount, usageCells } from "./usage-cells";

const DAY_MS = 86_400_000;

export const gapsInputSchema = periodSchema.extend({
  /** Assets expiring within this many days count as soon to expire. */
  expiringWithinDays: z.number().int().min(0).max(365).default(30),
  /** A suggestion whose best score is below this matched neither stage nor persona (2 points each). */
  weakScore: z.number().min(0).max(100).default(2),
  limit: z.number().int().min(1).max(500).default(50),
});
export type GapsInput = z.infer<typeof gapsInputSchema>;

export interface ContentGaps {
  period: { from: string; to: string };
  /** Searches that found nothing, most frequent first, per query language. */
  zeroResultSearches: Record<Language, { query: string; searches: number; lastAt: string }[]>;
  /** Stage × persona pairs that no published asset is tagged with. */
  emptyCells: {
    stage: string;
    stageLabel: { en: string; ja: string };
    persona: string;
    personaLabel: { en: string; ja: string };
  }[];
  /** Published assets nobody viewed, shared or inserted in the period. */
  unusedAssets: { assetId: string; title: string; type: string; publishedAt: string | null }[];
  /** Published assets already expired or expiring soon. */
  expiringAssets: { assetId: string; title: string; expiresAt: string; expired: boolean }[];
  /** Deal contexts (stage, persona) where suggestions found nothing that scored well. */
  weakSuggestions: { stage: string | null; persona: string | null; weak: number; total: number }[];
}

export async function contentGaps(db: Db, input: GapsInput, now = new Date()): Promise<ContentGaps> {
  const period = resolvePeriod(input, now);
  const { from, to } = instants(period);
  const soon = new Date(now.getTime() + input.expiringWithinDays * DAY_MS).toISOString();
  const [searches, cells, unused, expiring, weak] = await Promise.all([
    db.execute(sql`select lower(trim(query)) as query, count(*)::int as searches, max(at) as last_at
      from searches where result_count = 0 and at >= ${from} and at < ${to} and trim(query) <> ''
      group by 1 order by 2 desc, 1 limit ${input.limit * 4}`),
    db.execute(sql`select s.key as stage, s.label_en as stage_en, s.label_ja as stage_ja,
        p.key as persona, p.label_en as persona_en, p.label_ja as persona_ja
      from taxonomy_terms s cross join taxonomy_terms p
      where s.kind = 'stage' and p.kind = 'persona' and not exists (
        select 1 from assets a where a.status = 'published' and s.key = any(a.stages) and p.key = any(a.personas))
      order by s.sort_order, s.key, p.sort_order, p.key`),
    db.execute(sql`select a.id, a.title, a.type::text as type, a.published_at from assets a
      where a.status = 'published' and not exists (
        select 1 from ${usageCells(period)} where c.asset_id = a.id and (${cellCount(REP_USE_TYPES)}) > 0)
      order by a.published_at nulls first, a.title limit ${input.limit}`),
    db.execute(sql`select id, title, expires_at from assets
      where status = 'published' and expires_at is not null and expires_at < ${soon}::timestamptz
      order by expires_at limit ${input.limit}`),
    // one suggestion request writes one event per item; its first (rank 1, or none) stands for the request
    db.execute(sql`select e.props->>'stage' as stage, e.props->>'persona' as persona,
        count(*) filter (where coalesce((e.props->>'topScore')::float8, 0) < ${input.weakScore})::int as weak,
        count(*)::int as total
      from events e
      where e.type = 'suggestion_shown' and e.at >= ${from} and e.at < ${to}
        and coalesce((e.props->>'rank')::int, 1) = 1
      group by 1, 2 having count(*) filter (where coalesce((e.props->>'topScore')::float8, 0) < ${input.weakScore}) > 0
      order by 3 desc, 4 desc limit ${input.limit}`),
  ]);
  const zeroResultSearches: ContentGaps["zeroResultSearches"] = { en: [], ja: [] };
  for (const row of rowsOf<{ query: string; searches: number; last_at: Date | string }>(searches)) {
    const list = zeroResultSearches[detectLanguage(row.query)];
    if (list.length < input.limit)
      list.push({ query: row.query, searches: row.searches, lastAt: iso(row.last_at) ?? "" });
  }
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    zeroResultSearches,
    emptyCells: rowsOf<{
      stage: string;
      stage_en: string;
      stage_ja: string;
      persona: string;
      persona_en: string;
      persona_ja: string;
    }>(cells).map((r) => ({
      stage: r.stage,
      stageLabel: { en: r.stage_en, ja: r.stage_ja },
      persona: r.persona,
      personaLabel: { en: r.persona_en, ja: r.persona_ja },
    })),
    unusedAssets: rowsOf<{ id: string; title: string; type: string; published_at: Date | string | null }>(
      unused,
    ).map((r) => ({ assetId: r.id, title: r.title, type: r.type, publishedAt: iso(r.published_at) })),
    expiringAssets: rowsOf<{ id: string; title: string; expires_at: Date | string }>(expiring).map((r) => ({
      assetId: r.id,
      title: r.title,
      expiresAt: iso(r.expires_at) ?? "",
      expired: new Date(r.expires_at).getTime() <= now.getTime(),
    })),
    weakSuggestions: rowsOf<ContentGaps["weakSuggestions"][number]>(weak),
  };
}
