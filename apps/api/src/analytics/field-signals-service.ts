import type { BilingualLabel, TaxonomyTerm } from "@pitchside/shared";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cachedTaxonomy } from "../taxonomy/taxonomy-service";
import { instants, periodSchema, resolvePeriod } from "./report-period";
import { rowsOf } from "./sql-rows";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Below this many closed deals on either side, a win-rate comparison is luck: the portal says so. */
export const FIELD_SIGNALS_MIN_DEALS = 5;

export const signalKinds = ["competitor", "objection"] as const;
export type SignalKind = (typeof signalKinds)[number];

export const fieldSignalsInputSchema = periodSchema.extend({
  kind: z.enum(signalKinds).optional(),
  groupBy: z.enum(["week", "stage", "industry", "team"]).default("week"),
});
export type FieldSignalsInput = z.input<typeof fieldSignalsInputSchema>;
type GroupBy = z.infer<typeof fieldSignalsInputSchema>["groupBy"];

export interface FieldSignalRow {
  kind: SignalKind;
  key: string;
  label: BilingualLabel;
  /** Suggestion requests in the period that carried it. */
  mentions: number;
  /** Distinct deals and reps among those requests. */
  deals: number;
  reps: number;
  /** Requests that carried it in the period of equal length just before, and the relative change (null from 0). */
  previousMentions: number;
  change: number | null;
  /** Mentions per week, aligned with the report's `weeks`. */
  weekly: number[];
  /** Mentions per group of `groupBy` (only groups where it came up), most first. */
  groups: { key: string | null; mentions: number }[];
  /** Deals closed in the period where it came up (in a request before the close), and those where it did not. */
  wonWith: number;
  lostWith: number;
  winRateWith: number | null;
  wonWithout: number;
  lostWithout: number;
  winRateWithout: number | null;
  /** Both sides have at least `minDeals` closed deals. */
  enoughDeals: boolean;
  /** Published, unexpired assets tagged with it: for buyers (`external`) and sellers' talk tracks (`internal`). */
  coverage: {
    external: number;
    internal: number;
    stages: { stage: string; external: number; internal: number }[];
  };
}

export interface FieldSignals {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  groupBy: GroupBy;
  /** The groups of `groupBy` that occur, with their labels (null key: no stage, no team, no industry or no deal). */
  groupLabels: { key: string | null; label: BilingualLabel | null }[];
  /** Mondays (YYYY-MM-DD, UTC) of the ISO weeks the period touches. */
  weeks: string[];
  /** The taxonomy's stages in order, the columns of `coverage`. */
  stages: { key: string; label: BilingualLabel }[];
  /** All deals closed in the period. */
  closed: { won: number; lost: number; winRate: number | null };
  minDeals: number;
  rows: FieldSignalRow[];
}

const weekOf = (at: SQL) => sql`to_char(date_trunc('week', ${at} at time zone 'UTC'), 'YYYY-MM-DD')`;

/** The request rows that named a signal, one row per (request, kind, key). */
function mentionsSql(kinds: readonly SignalKind[], from: SQL, to: SQL, withIndustry = false): SQL {
  const arms = kinds.map(
    (kind) => sql`select ${kind}::text as kind, k as key, s.* from named s
        cross join unnest(s.${sql.raw(kind === "competitor" ? "competitors" : "objections")}) k`,
  );
  return sql`named as (
      select s.at, s.user_id, s.team_id, s.deal_id, s.stage, s.competitors, s.objections
        ${withIndustry ? sql`, d.industry` : sql``}
      from suggestion_signals s ${withIndustry ? sql`left join deals d on d.id = s.deal_id` : sql``}
      where cardinality(s.competitors) + cardinality(s.objections) > 0 and s.at >= ${from} and s.at < ${to}
    ), mentions as (${sql.join(arms, sql` union all `)})`;
}

function mondays(from: Date, to: Date): string[] {
  const start = new Date(from);
  start.setUTCHours(0, 0, 0, 0);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const weeks: string[] = [];
  for (let t = start.getTime(); t < to.getTime(); t += WEEK_MS)
    weeks.push(new Date(t).toISOString().slice(0, 10));
  return weeks;
}

const rate = (won: number, lost: number) => (won + lost > 0 ? won / (won + lost) : null);

/**
 * Field signals: how often each competitor and objection came up in reps' suggestion requests, per week,
 * stage, deal industry or rep team, its trend, the win rate of closed deals where it came up against
 * those where it did not, and the library's coverage of it. Reads `suggestion_signals`, which holds only
 * taxonomy keys (see suggest/suggestion-signals.ts).
 */
export async function fieldSignals(db: Db, raw: FieldSignalsInput, now = new Date()): Promise<FieldSignals> {
  const input = fieldSignalsInputSchema.parse(raw);
  const period = resolvePeriod(input, now);
  const length = period.to.getTime() - period.from.getTime();
  const previous = { from: new Date(period.from.getTime() - length), to: period.from };
  const { from, to } = instants(period);
  const prevFrom = sql`${previous.from.toISOString()}::timestamptz`;
  const kinds = input.kind ? [input.kind] : signalKinds;
  const taxonomy = await cachedTaxonomy(db);
  const groupExpr: Record<GroupBy, SQL> = {
    week: weekOf(sql`at`),
    stage: sql`stage`,
    team: sql`team_id::text`,
    industry: sql`industry`,
  };
  const nowIso = sql`${now.toISOString()}::timestamptz`;

  const [totals, grouped, weekly, closedWith, closedAll, coverage, teams] = await Promise.all([
    db.execute(sql`with ${mentionsSql(kinds, prevFrom, to)}
      select kind, key,
        count(*) filter (where at >= ${from})::int as mentions,
        count(*) filter (where at < ${from})::int as previous,
        count(distinct deal_id) filter (where at >= ${from})::int as deals,
        count(distinct user_id) filter (where at >= ${from})::int as reps
      from mentions group by 1, 2`),
    db.execute(sql`with ${mentionsSql(kinds, from, to, input.groupBy === "industry")}
      select kind, key, ${groupExpr[input.groupBy]} as grp, count(*)::int as mentions
      from mentions group by 1, 2, 3`),
    db.execute(sql`with ${mentionsSql(kinds, from, to)}
      select kind, key, ${weekOf(sql`at`)} as week, count(*)::int as mentions
      from mentions group by 1, 2, 3`),
    // a closed deal counts once per signal that came up in a request before its close
    db.execute(sql`with closed as (
        select id, status, closed_at from deals
        where status in ('won', 'lost') and closed_at >= ${from} and closed_at < ${to}
      ), hits as (
        ${sql.join(
          kinds.map(
            (kind) => sql`select distinct c.id, c.status, ${kind}::text as kind, k as key
              from closed c join suggestion_signals s on s.deal_id = c.id and s.at < c.closed_at
              cross join unnest(s.${sql.raw(kind === "competitor" ? "competitors" : "objections")}) k`,
          ),
          sql` union all `,
        )}
      )
      select kind, key, count(*) filter (where status = 'won')::int as won,
        count(*) filter (where status = 'lost')::int as lost
      from hits group by 1, 2`),
    db.execute(sql`select count(*) filter (where status = 'won')::int as won,
        count(*) filter (where status = 'lost')::int as lost
      from deals where status in ('won', 'lost') and closed_at >= ${from} and closed_at < ${to}`),
    db.execute(sql`with live as (
        select a.id, a.audience::text as audience, a.stages, a.competitors, a.objections from assets a
        where a.status = 'published' and not a.unsaved and (a.expires_at is null or a.expires_at > ${nowIso})
      ), tagged as (
        ${sql.join(
          kinds.map(
            (kind) => sql`select ${kind}::text as kind, k as key, live.audience, live.stages from live
              cross join unnest(live.${sql.raw(kind === "competitor" ? "competitors" : "objections")}) k`,
          ),
          sql` union all `,
        )}
      )
      select kind, key, audience, null as stage, count(*)::int as n from tagged group by 1, 2, 3
      union all
      select kind, key, audience, st as stage, count(*)::int as n
      from tagged cross join unnest(tagged.stages) st group by 1, 2, 3, 4`),
    input.groupBy === "team"
      ? db.execute(sql`select id::text as id, name from teams`)
      : Promise.resolve({ rows: [] }),
  ]);

  const signalKey = (kind: string, key: string) => `${kind}:${key}`;
  const weeks = mondays(period.from, period.to);
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  const stages = taxonomy
    .filter((t) => t.kind === "stage")
    .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  const terms = taxonomy
    .filter((t): t is TaxonomyTerm & { kind: SignalKind } => (kinds as readonly string[]).includes(t.kind))
    .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.order - b.order);
  const [all] = rowsOf<{ won: number; lost: number }>(closedAll);
  const closed = { won: all?.won ?? 0, lost: all?.lost ?? 0 };

  const byKey = new Map<string, FieldSignalRow>();
  for (const term of terms) {
    byKey.set(signalKey(term.kind, term.key), {
      kind: term.kind,
      key: term.key,
      label: term.label,
      mentions: 0,
      deals: 0,
      reps: 0,
      previousMentions: 0,
      change: null,
      weekly: weeks.map(() => 0),
      groups: [],
      wonWith: 0,
      lostWith: 0,
      winRateWith: null,
      wonWithout: closed.won,
      lostWithout: closed.lost,
      winRateWithout: rate(closed.won, closed.lost),
      enoughDeals: false,
      coverage: {
        external: 0,
        internal: 0,
        stages: stages.map((s) => ({ stage: s.key, external: 0, internal: 0 })),
      },
    });
  }
  // a key the taxonomy no longer holds (a term deleted since) is not reported: it has no label
  const rowOf = (kind: string, key: string) => byKey.get(signalKey(kind, key));

  type Keyed = { kind: string; key: string };
  for (const r of rowsOf<Keyed & { mentions: number; previous: number; deals: number; reps: number }>(
    totals,
  )) {
    const row = rowOf(r.kind, r.key);
    if (!row) continue;
    row.mentions = r.mentions;
    row.previousMentions = r.previous;
    row.deals = r.deals;
    row.reps = r.reps;
    row.change = r.previous > 0 ? (r.mentions - r.previous) / r.previous : null;
  }
  for (const r of rowsOf<Keyed & { week: string; mentions: number }>(weekly)) {
    const i = weekIndex.get(r.week);
    const row = rowOf(r.kind, r.key);
    if (row && i !== undefined) row.weekly[i] = r.mentions;
  }
  const groupKeys = new Set<string | null>();
  for (const r of rowsOf<Keyed & { grp: string | null; mentions: number }>(grouped)) {
    const row = rowOf(r.kind, r.key);
    if (!row) continue;
    row.groups.push({ key: r.grp, mentions: r.mentions });
    groupKeys.add(r.grp);
  }
  for (const r of rowsOf<Keyed & { won: number; lost: number }>(closedWith)) {
    const row = rowOf(r.kind, r.key);
    if (!row) continue;
    row.wonWith = r.won;
    row.lostWith = r.lost;
    row.wonWithout = closed.won - r.won;
    row.lostWithout = closed.lost - r.lost;
  }
  for (const r of rowsOf<Keyed & { audience: "external" | "internal"; stage: string | null; n: number }>(
    coverage,
  )) {
    const row = rowOf(r.kind, r.key);
    if (!row) continue;
    if (r.stage === null) row.coverage[r.audience] = r.n;
    else {
      const cell = row.coverage.stages.find((s) => s.stage === r.stage);
      if (cell) cell[r.audience] = r.n;
    }
  }
  for (const row of byKey.values()) {
    row.winRateWith = rate(row.wonWith, row.lostWith);
    row.winRateWithout = rate(row.wonWithout, row.lostWithout);
    row.enoughDeals =
      row.wonWith + row.lostWith >= FIELD_SIGNALS_MIN_DEALS &&
      row.wonWithout + row.lostWithout >= FIELD_SIGNALS_MIN_DEALS;
    row.groups.sort((a, b) => b.mentions - a.mentions || String(a.key).localeCompare(String(b.key)));
  }

  const teamNames = new Map(rowsOf<{ id: string; name: string }>(teams).map((t) => [t.id, t.name]));
  const labelOf = (key: string | null): BilingualLabel | null => {
    if (key === null || input.groupBy === "week") return null;
    if (input.groupBy === "team") {
      const name = teamNames.get(key);
      return name === undefined ? null : { en: name, ja: name };
    }
    const kind = input.groupBy === "stage" ? "stage" : "industry";
    // a CRM's own industry text that is no taxonomy term reads as itself
    return taxonomy.find((t) => t.kind === kind && t.key === key)?.label ?? { en: key, ja: key };
  };
  const groupLabels = [...groupKeys]
    .sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map((key) => ({ key, label: labelOf(key) }));

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    previousPeriod: { from: previous.from.toISOString(), to: previous.to.toISOString() },
    groupBy: input.groupBy,
    groupLabels,
    weeks,
    stages: stages.map((s) => ({ key: s.key, label: s.label })),
    closed: { ...closed, winRate: rate(closed.won, closed.lost) },
    minDeals: FIELD_SIGNALS_MIN_DEALS,
    // most mentioned first; the order of the taxonomy among equals
    rows: [...byKey.values()].sort((a, b) => b.mentions - a.mentions),
  };
}
