import type { Language } from "@pitchside/shared";
import { percentile } from "../stats";

/** One suggestion call: the ranked asset keys against the judgement. */
export interface SuggestOutcome {
  ranked: string[];
  expect: string;
  acceptable: string[];
  language: Language;
  topLanguage: Language | undefined;
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

/** 1-based rank of the expected asset, 0 when absent. */
export const rankOf = (o: { ranked: string[]; expect: string }) => o.ranked.indexOf(o.expect) + 1;

/** Whether the expected asset, or one judged equally good, is in the top three. */
export const inTop3 = (o: SuggestOutcome) =>
  o.ranked.slice(0, 3).some((k) => k === o.expect || o.acceptable.includes(k));

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
 * share of calls whose top suggestion is in the message's language.
 */
export function suggestFigures(outcomes: SuggestOutcome[]): SuggestFigures {
  return {
    n: outcomes.length,
    hit1: share(outcomes, (o) => rankOf(o) === 1),
    hit3: share(outcomes, inTop3),
    mrr: mean(outcomes.map((o) => (rankOf(o) > 0 ? 1 / rankOf(o) : 0))),
    inLanguage: share(outcomes, (o) => o.topLanguage === o.language),
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

/** The latency ceiling is loose on purpose: it catches a slow path, not noise (speed is suggest-speed.ts's job). */
const LATENCY_HEADROOM = 4;
const LATENCY_CEILING_MIN_MS = 150;

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
 * Floors at today's figures less one context's worth (1/n), rounded down to 3 decimals: equal scores are
 * ordered arbitrarily, so one context can flip between runs on the same code. The p95 ceiling leaves room
 * for a busy CI machine.
 */
export function floorsFrom(measured: Record<string, SuggestFigures | SearchFigures>): Floors {
  const down = (x: number) => Math.max(0, Math.floor(x * 1000 + EPSILON) / 1000);
  const floors: Floors = {};
  for (const [set, figures] of Object.entries(measured)) {
    const { n, p50Ms: _p50, p95Ms, ...quality } = figures;
    const slack = n > 0 ? 1 / n : 0;
    floors[set] = {
      ...Object.fromEntries(Object.entries(quality).map(([k, v]) => [k, down((v as number) - slack)])),
      maxP95Ms: Math.max(LATENCY_CEILING_MIN_MS, Math.ceil((p95Ms * LATENCY_HEADROOM) / 10) * 10),
    };
  }
  return floors;
}
