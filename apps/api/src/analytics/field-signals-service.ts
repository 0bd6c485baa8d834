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
  /**
   * Reps' marks on the suggestions of the period's requests that carried it: "helped" and "not helpful"
   * (feedback.markSuggestion with the answer's requestId).
   */
  marks: { helped: number; notHelpful: number };
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

/** The period's mentions (one row per request and signal; migration 0014 keeps them), with `industry` if asked. */
function mentionsSql(kinds: readonly SignalKind[], from: SQL, to: SQL, withIndustry = false): SQL {
  const kindFilter = kinds.length < signalKinds.length ? sql` and m.kind = ${kinds[0]}` : sql``;
  return sql`mentions as (
      select m.kind, m.key, m.at, m.deal_id, m.user_id, m.team_id, m.stage
        ${withIndustry ? sql`, d.industry` : sql``}
      from signal_mentions m ${withIndustry ? sql`left join deals d on d.id = m.deal_id` : sql``}
      where m.at >= ${from} and m.at < ${to}${kindFilter}
    )`;
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

  // One scan of the period's mentions, hashed three ways (grouping sets): per (week, group) cell, per rep and
  // per deal; the reps and deals are counted in the statement, the cells summed here into mentions, weekly
  // and groups. The previous period is counted apart (its mentions' count only).
  const cellSet = 3; // grouping(week, grp, user_id, deal_id): user_id and deal_id aggregated away
  const repSet = 13;
  const dealSet = 14;
  const [cells, previousRows, closedWith, closedAll, coverage, teams, marks] = await db.transaction(
    async (tx) => {
      // a year's (signal, deal) pairs hash in memory rather than sorting on disk
      await tx.execute(sql`set local work_mem = '64MB'`);
      await tx.execute(sql`set local jit = off`);
      // one after another: a transaction's statements share its connection
      type Result = Awaited<ReturnType<typeof tx.execute>>;
      const run = async (queries: (() => Promise<Result | { rows: never[] }>)[]) => {
        const out: (Result | { rows: never[] })[] = [];
        for (const q of queries) out.push(await q());
        return out;
      };
      return run([
        () =>
          tx.execute(sql`with ${mentionsSql(kinds, from, to, input.groupBy === "industry")}, g as (
        select kind, key, ${weekOf(sql`at`)} as week, ${groupExpr[input.groupBy]} as grp, user_id, deal_id,
          count(*) as n, grouping(${weekOf(sql`at`)}, ${groupExpr[input.groupBy]}, user_id, deal_id) as set
        from mentions
        group by grouping sets ((1, 2, 3, 4), (1, 2, 5), (1, 2, 6))
      )
      select kind, key, 'cell' as what, week, grp, n::int from g where set = ${cellSet}
      union all
      select kind, key, 'reps', null, null, count(user_id)::int from g where set = ${repSet} group by 1, 2
      union all
      select kind, key, 'deals', null, null, count(deal_id)::int from g where set = ${dealSet} group by 1, 2`),
        () =>
          tx.execute(sql`select kind, key, count(*)::int as previous from signal_mentions m
        where m.at >= ${prevFrom} and m.at < ${from}
          ${kinds.length < signalKinds.length ? sql`and m.kind = ${kinds[0]}` : sql``}
        group by 1, 2`),
        // a closed deal counts once per signal that came up in a request before its close (its first mention)
        () =>
          tx.execute(sql`select f.kind, f.key, count(*) filter (where d.status = 'won')::int as won,
        count(*) filter (where d.status = 'lost')::int as lost
      from deals d join signal_deal_firsts f on f.deal_id = d.id and f.first_at < d.closed_at
      where d.status in ('won', 'lost') and d.closed_at >= ${from} and d.closed_at < ${to}
        ${kinds.length < signalKinds.length ? sql`and f.kind = ${kinds[0]}` : sql``}
      group by 1, 2`),
        () =>
          tx.execute(sql`select count(*) filter (where status = 'won')::int as won,
        count(*) filter (where status = 'lost')::int as lost
      from deals where status in ('won', 'lost') and closed_at >= ${from} and closed_at < ${to}`),
        () =>
          tx.execute(sql`with live as (
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
        () =>
          input.groupBy === "team"
            ? tx.execute(sql`select id::text as id, name from teams`)
            : Promise.resolve({ rows: [] }),
        // each mark names its request; a request's mentions name its signals
        () =>
          tx.execute(sql`select m.kind, m.key, count(*) filter (where k.helped)::int as helped,
        count(*) filter (where not k.helped)::int as not_helpful
      from suggestion_marks k join signal_mentions m on m.request_id = k.request_id
      where m.at >= ${from} and m.at < ${to}
        ${kinds.length < signalKinds.length ? sql`and m.kind = ${kinds[0]}` : sql``}
      group by 1, 2`),
      ]);
    },
  );

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
      marks: { helped: 0, notHelpful: 0 },
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
  const groupKeys = new Set<string | null>();
  for (const r of rowsOf<Keyed & { what: string; week: string | null; grp: string | null; n: number }>(
    cells,
  )) {
    const row = rowOf(r.kind, r.key);
    if (!row) continue;
    if (r.what === "reps") row.reps = r.n;
    else if (r.what === "deals") row.deals = r.n;
    else {
      row.mentions += r.n;
      const i = r.week === null ? undefined : weekIndex.get(r.week);
      if (i !== undefined) row.weekly[i] = (row.weekly[i] ?? 0) + r.n;
      const group = row.groups.find((g) => g.key === r.grp);
      if (group) group.mentions += r.n;
      else row.groups.push({ key: r.grp, mentions: r.n });
      groupKeys.add(r.grp);
    }
  }
  for (const r of rowsOf<Keyed & { previous: number }>(previousRows)) {
    const row = rowOf(r.kind, r.key);
    if (row) row.previousMentions = r.previous;
  }
  for (const row of byKey.values())
    row.change =
      row.previousMentions > 0 ? (row.mentions - row.previousMentions) / row.previousMentions : null;
  for (const r of rowsOf<Keyed & { won: number; lost: number }>(closedWith)) {
    const row = rowOf(r.kind, r.key);
    if (!row) continue;
    row.wonWith = r.won;
    row.lostWith = r.lost;
    row.wonWithout = closed.won - r.won;
    row.lostWithout = closed.lost - r.lost;
  }
  for (const r of rowsOf<Keyed & { helped: number; not_helpful: number }>(marks)) {
    const row = rowOf(r.kind, r.key);
    if (row) row.marks = { helped: r.helped, notHelpful: r.not_helpful };
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
