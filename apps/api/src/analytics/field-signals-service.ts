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
export type FieldSignalsInput = z.infer<typeof fieldSignalsInputSchema>;
type GroupBy = FieldSignalsInput["groupBy"];

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
const instant = (t: Date) => sql`${t.toISOString()}::timestamptz`;
const day = (t: Date) => sql`${t.toISOString().slice(0, 10)}::date`;

/** Monday 00:00 UTC on or before `t`. */
function weekFloor(t: Date): Date {
  const d = new Date(t);
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

/**
 * A period as the whole ISO weeks inside it (read from signal_weeks; none when there are none) and the
 * partial weeks at its ends (read from the rows themselves, one range scan each).
 */
function weekSplit(from: Date, to: Date) {
  const floor = weekFloor(from);
  const first = floor.getTime() === from.getTime() ? floor : new Date(floor.getTime() + WEEK_MS);
  const last = weekFloor(to);
  const whole = first.getTime() < last.getTime() ? { from: first, to: last } : null;
  const edges = (
    whole
      ? [
          { from, to: whole.from },
          { from: whole.to, to },
        ]
      : [{ from, to }]
  ).filter((r) => r.from.getTime() < r.to.getTime());
  const weeks = (column: SQL) =>
    whole ? sql`${column} >= ${day(whole.from)} and ${column} < ${day(whole.to)}` : sql`false`;
  /** `select … where <at in the edge>` for each edge, as one union (an empty set's when none). */
  const edgeRows = (select: SQL, at: SQL, empty: SQL) =>
    edges.length === 0
      ? empty
      : sql.join(
          edges.map((r) => sql`${select} and ${at} >= ${instant(r.from)} and ${at} < ${instant(r.to)}`),
          sql` union all `,
        );
  return { weeks, edgeRows };
}

/**
 * The mentions in [from, to) per signal, week and group of `groupBy`: signal_weeks' whole weeks (groupBy
 * week reads the stage cells, summed per week) and the partial weeks' rows of signal_mentions.
 */
function mentionCellsSql(kindFilter: SQL, from: Date, to: Date, groupBy: GroupBy): SQL {
  const { weeks, edgeRows } = weekSplit(from, to);
  const rowGroup: Record<GroupBy, SQL> = {
    week: weekOf(sql`at`),
    stage: sql`stage`,
    team: sql`team_id::text`,
    industry: sql`industry`,
  };
  const weekText = sql`to_char(week, 'YYYY-MM-DD')`;
  // a (dim, week, signal, group) cell is one row: only per week are the stage cells summed
  const whole =
    groupBy === "week"
      ? sql`select kind, key, ${weekText} as week, ${weekText} as grp, sum(n)::int as n
        from signal_weeks where dim = 'stage' and ${weeks(sql`week`)}${kindFilter}
        group by 1, 2, 3, 4 having sum(n) <> 0`
      : sql`select kind, key, ${weekText} as week, grp, n from signal_weeks
        where dim = ${groupBy} and ${weeks(sql`week`)} and n <> 0${kindFilter}`;
  return sql`${whole}
    union all
    select kind, key, week, grp, count(*)::int from (${edgeRows(
      sql`select kind, key, ${weekOf(sql`at`)} as week, ${rowGroup[groupBy]} as grp from signal_mentions
        where true${kindFilter}`,
      sql`at`,
      sql`select null::text as kind, null::text as key, null::text as week, null::text as grp where false`,
    )}) e
    group by 1, 2, 3, 4`;
}

/**
 * Distinct deals and reps per signal with a mention in [from, to), from the chains of migration 0016: the
 * (signal, deal) pairs whose first mention is before `to`, less those whose last is before `from`, less
 * those with a gap from before `from` to `to` or later (a mention after the period whose previous one is
 * before it). Firsts and lasts are signal_weeks' weeks up to the week of the bound, and that week's rows.
 */
function chainCountsSql(kindFilter: SQL, from: Date, to: Date): SQL {
  const fromWeek = weekFloor(from);
  const toWeek = weekFloor(to);
  return sql`select kind, key, coalesce(sum(deals), 0)::int as deals, coalesce(sum(reps), 0)::int as reps
    from (
      select kind, key, sum(n) filter (where dim = 'deal_first') as deals, sum(n) filter (where dim = 'rep_first') as reps
      from signal_weeks where dim in ('deal_first', 'rep_first') and week < ${day(toWeek)}${kindFilter} group by 1, 2
      union all
      select kind, key, -sum(n) filter (where dim = 'deal_last'), -sum(n) filter (where dim = 'rep_last')
      from signal_weeks where dim in ('deal_last', 'rep_last') and week < ${day(fromWeek)}${kindFilter} group by 1, 2
      union all
      select kind, key, count(*) filter (where deal_id is not null and deal_prev_at is null),
        count(*) filter (where user_id is not null and user_prev_at is null)
      from signal_mentions where at >= ${instant(toWeek)} and at < ${instant(to)}${kindFilter} group by 1, 2
      union all
      select kind, key, -count(*) filter (where deal_last), -count(*) filter (where user_last)
      from signal_mentions where at >= ${instant(fromWeek)} and at < ${instant(from)}${kindFilter} group by 1, 2
      union all
      select kind, key, -count(*) filter (where deal_prev_at < ${instant(from)}),
        -count(*) filter (where user_prev_at < ${instant(from)})
      from signal_mentions where at >= ${instant(to)}${kindFilter} group by 1, 2
    ) c group by 1, 2`;
}

/**
 * Per signal, the deals closed won and lost in [from, to) where it came up in a request before the close:
 * signal_weeks' whole weeks (by the week of the close) and signal_deal_firsts' rows in the partial weeks.
 */
function closedWithSql(kindFilter: SQL, from: Date, to: Date): SQL {
  const { weeks, edgeRows } = weekSplit(from, to);
  return sql`select kind, key, coalesce(sum(n) filter (where dim = 'won'), 0)::int as won,
      coalesce(sum(n) filter (where dim = 'lost'), 0)::int as lost
    from (
      select kind, key, dim, n from signal_weeks where dim in ('won', 'lost') and ${weeks(sql`week`)}${kindFilter}
      union all
      ${edgeRows(
        sql`select kind, key, case when won then 'won' else 'lost' end, 1 from signal_deal_firsts
          where won is not null and first_at < closed_at${kindFilter}`,
        sql`closed_at`,
        sql`select null, null, null, 0 where false`,
      )}
    ) c group by 1, 2`;
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
export async function fieldSignals(
  db: Db,
  input: FieldSignalsInput,
  now = new Date(),
): Promise<FieldSignals> {
  const period = resolvePeriod(input, now);
  const length = period.to.getTime() - period.from.getTime();
  const previous = { from: new Date(period.from.getTime() - length), to: period.from };
  const { from, to } = instants(period);
  const kinds = input.kind ? [input.kind] : signalKinds;
  const kindFilter = kinds.length < signalKinds.length ? sql` and kind = ${kinds[0]}` : sql``;
  const taxonomy = await cachedTaxonomy(db);
  const nowIso = sql`${now.toISOString()}::timestamptz`;

  // Counts, not scans (migration 0016): the period's whole weeks from signal_weeks, its partial first and
  // last weeks from the rows. The cells are summed here into mentions, weekly and groups; the deals and reps
  // come from the chains; the previous period is its mentions' count only.
  const [cells, chainRows, previousRows, closedWith, closedAll, coverage, teams, marks] =
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local jit = off`);
      // small reads: starting parallel workers costs more than it saves, the more so on a busy machine
      await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
      // one after another: a transaction's statements share its connection
      type Result = Awaited<ReturnType<typeof tx.execute>>;
      const run = async (queries: (() => Promise<Result | { rows: never[] }>)[]) => {
        const out: (Result | { rows: never[] })[] = [];
        for (const q of queries) out.push(await q());
        return out;
      };
      return run([
        () => tx.execute(mentionCellsSql(kindFilter, period.from, period.to, input.groupBy)),
        () => tx.execute(chainCountsSql(kindFilter, period.from, period.to)),
        () =>
          tx.execute(sql`select kind, key, sum(n)::int as previous
        from (${mentionCellsSql(kindFilter, previous.from, previous.to, "week")}) c group by 1, 2`),
        // a closed deal counts once per signal that came up in a request before its close (its first mention)
        () => tx.execute(closedWithSql(kindFilter, period.from, period.to)),
        () =>
          tx.execute(sql`select count(*) filter (where status = 'won')::int as won,
        count(*) filter (where status = 'lost')::int as lost
      from deals where status in ('won', 'lost') and closed_at >= ${from} and closed_at < ${to}`),
        () =>
          tx.execute(sql`with live as (
        select a.id, a.audience::text as audience, a.stages, a.competitors, a.objections from assets a
        where a.status = 'published' and not a.unsaved and (a.expires_at is null or a.expires_at > ${nowIso})
          and cardinality(a.competitors) + cardinality(a.objections) > 0
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
    });

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
  for (const r of rowsOf<Keyed & { week: string | null; grp: string | null; n: number }>(cells)) {
    const row = rowOf(r.kind, r.key);
    if (!row) continue;
    row.mentions += r.n;
    const i = r.week === null ? undefined : weekIndex.get(r.week);
    if (i !== undefined) row.weekly[i] = (row.weekly[i] ?? 0) + r.n;
    const group = row.groups.find((g) => g.key === r.grp);
    if (group) group.mentions += r.n;
    else row.groups.push({ key: r.grp, mentions: r.n });
    groupKeys.add(r.grp);
  }
  for (const r of rowsOf<Keyed & { deals: number; reps: number }>(chainRows)) {
    const row = rowOf(r.kind, r.key);
    if (!row) continue;
    row.deals = r.deals;
    row.reps = r.reps;
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
