import type { Language } from "@pitchside/shared";
import { percentile } from "../stats";

/** One suggestion call: the ranked asset keys (and their scores) against the judgement. */
export interface SuggestOutcome {
  ranked: string[];
  scores: number[];
  /** Language of each ranked asset. */
  languages: Language[];
  expect: string;
  acceptable: string[];
  language: Language;
  ms: number;
}

/** One search call: the ranked asset keys against the expected top three. */
export interface SearchOutcome {
  ranked: string[];
  expect: string[];
  language: Language;
  topLanguage: Language | undefined;
  ms: number;
}

export interface SuggestFigures {
  n: number;
  hit1: number;
  hit3: number;
  mrr: number;
  inLanguage: number;
  p50Ms: number;
  p95Ms: number;
}

export interface SearchFigures {
  n: number;
  hit3: number;
  precision: number;
  inLanguage: number;
  p50Ms: number;
  p95Ms: number;
}

const TIE = 1e-9;

/**
 * 1-based rank of an asset, 0 when absent. Equal scores come back in an arbitrary order (it changes from one
 * server to the next), so a tie counts against the asset: its rank is the number of results scoring at least
 * as much. That keeps the figures the same on every run, and a tuner has to break a tie to gain from it.
 */
export function rankOf(o: SuggestOutcome, key: string = o.expect): number {
  const at = o.ranked.indexOf(key);
  if (at < 0) return 0;
  const score = o.scores[at] ?? 0;
  return o.scores.filter((s) => s >= score - TIE).length;
}

/** Whether the result at `at` shares its score with another one (its place among them is arbitrary). */
export const isTied = (o: SuggestOutcome, at: number) =>
  o.scores.some((s, i) => i !== at && Math.abs(s - (o.scores[at] ?? Number.NaN)) <= TIE);

/** Whether the expected asset, or one judged equally good, is in the top three. */
export const inTop3 = (o: SuggestOutcome) =>
  [o.expect, ...o.acceptable].some((key) => {
    const rank = rankOf(o, key);
    return rank >= 1 && rank <= 3;
  });

/** Whether the top suggestion is in the message's language — every one of them, when several tie for the top. */
export function topInLanguage(o: SuggestOutcome): boolean {
  const top = o.scores[0];
  if (top === undefined) return false;
  return o.scores.every((s, i) => s < top - TIE || o.languages[i] === o.language);
}

const share = <T>(items: T[], test: (item: T) => boolean) =>
  items.length === 0 ? 0 : items.filter(test).length / items.length;
const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

function latency(outcomes: { ms: number }[]) {
  const times = outcomes.map((o) => o.ms);
  return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}

/**
 * hit@1 and MRR count only `expect` (strict); hit@3 also counts the `acceptable` assets; "in language" is the
 * share of calls whose top suggestion is in the message's language. Ties count against (see rankOf).
 */
export function suggestFigures(outcomes: SuggestOutcome[]): SuggestFigures {
  return {
    n: outcomes.length,
    hit1: share(outcomes, (o) => rankOf(o) === 1),
    hit3: share(outcomes, inTop3),
    mrr: mean(outcomes.map((o) => (rankOf(o) > 0 ? 1 / rankOf(o) : 0))),
    inLanguage: share(outcomes, topInLanguage),
    ...latency(outcomes),
  };
}

/**
 * hit@3: the best expected asset is in the top three. precision: the share of the top k results that are
 * expected, k being the number of expected assets (at most three), so a perfect answer scores 1.
 */
export function searchFigures(outcomes: SearchOutcome[]): SearchFigures {
  return {
    n: outcomes.length,
    hit3: share(outcomes, (o) => o.expect[0] !== undefined && o.ranked.slice(0, 3).includes(o.expect[0])),
    precision: mean(
      outcomes.map((o) => {
        const k = Math.min(3, o.expect.length);
        return k === 0 ? 0 : o.ranked.slice(0, k).filter((key) => o.expect.includes(key)).length / k;
      }),
    ),
    inLanguage: share(outcomes, (o) => o.topLanguage === o.language),
    ...latency(outcomes),
  };
}

/** Quality figures that must not drop below their floor, and the p95 latency that must stay under its ceiling. */
export interface Floor {
  [figure: string]: number;
}
export type Floors = Record<string, Floor>;

const EPSILON = 1e-9;

/**
 * The p95 ceiling only catches a pathological slow path (a regular expression gone quadratic on a long
 * thread, a query per asset): on 51 assets a busy CI machine stays far below it. Speed is suggest-speed.ts's job.
 */
const LATENCY_CEILING_MS = 1000;

/** The figures below their floor (or, for `maxP95Ms`, above the ceiling), each as one readable line. */
export function belowFloors(
  measured: Record<string, SuggestFigures | SearchFigures>,
  floors: Floors,
): string[] {
  const failures: string[] = [];
  for (const [set, floor] of Object.entries(floors)) {
    const figures = measured[set] as unknown as Record<string, number> | undefined;
    if (!figures) {
      failures.push(`${set}: no figures measured`);
      continue;
    }
    for (const [name, limit] of Object.entries(floor)) {
      if (name === "maxP95Ms") {
        const p95 = figures.p95Ms ?? Number.NaN;
        if (!(p95 <= limit)) failures.push(`${set} p95 ${p95.toFixed(1)} ms > ceiling ${limit} ms`);
        continue;
      }
      const value = figures[name];
      if (value === undefined) failures.push(`${set} ${name}: not measured`);
      else if (value < limit - EPSILON)
        failures.push(`${set} ${name} ${value.toFixed(3)} < floor ${limit.toFixed(3)}`);
    }
  }
  return failures;
}

/**
 * Floors at today's figures, rounded down to 3 decimals (ties count against, so the same code measures the
 * same on every run); the p95 ceiling is a fixed second (LATENCY_CEILING_MS).
 */
export function floorsFrom(measured: Record<string, SuggestFigures | SearchFigures>): Floors {
  const down = (x: number) => Math.floor(x * 1000 + EPSILON) / 1000;
  const floors: Floors = {};
  for (const [set, figures] of Object.entries(measured)) {
    const { n: _n, p50Ms: _p50, p95Ms, ...quality } = figures;
    floors[set] = {
      ...Object.fromEntries(Object.entries(quality).map(([k, v]) => [k, down(v as number)])),
      maxP95Ms: Math.max(LATENCY_CEILING_MS, Math.ceil(p95Ms / 100) * 100),
    };
  }
  return floors;
}
