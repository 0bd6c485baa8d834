import type { Db } from "../db/client";
import { Budget } from "../limits/budget";
import type { LimiterStore } from "../limits/limiter-store";
import { type FoundRoom, type FoundShare, findRoom, findShare } from "./public-link";
import { shareTokenPattern } from "./shares-service";

/** What a public token names: a link, else a deal room, else nothing. */
export interface FoundLink {
  share: FoundShare | null;
  room: FoundRoom | null;
}

export interface LinkFinderOptions {
  /** How long a token that named nothing is answered without the database (30 s). */
  rememberMissMs?: number;
  /** How many such tokens are remembered at most; the oldest go first (10,000). */
  maxMisses?: number;
  /** Lookups that may name nothing per address and minute (30); past it, 429 until the minute ends. */
  missesPerMinute?: number;
  /** How many tokens that named a link lately are remembered, so their lookups skip the budget (10,000). */
  maxKnown?: number;
}

const NOTHING: FoundLink = { share: null, room: null };

/**
 * Finds what a public token (/s/:token, its beacon) names, so guessing tokens costs the guesser rather
 * than the database: a token that named nothing is answered from memory for a while, and each address
 * may make only so many lookups that find nothing a minute. That budget is shared by every process (the
 * limit store); the remembered misses are a per-process cache. The budget fails open: 128-bit tokens
 * are not guessed, it only spares the database, which a store outage should not turn into refusals.
 * No cache clearing is needed when a link is made: its token is 128 fresh random bits no one asked for.
 * A token that named a link lately skips the budget (it is still looked up, so a revoked link is refused
 * at once): the page, its beacons and a deal room's many page pictures load in parallel from one address,
 * an office's shared address often, and each lookup in flight would otherwise hold a point of the budget.
 */
export class LinkFinder {
  private readonly misses = new Map<string, number>();
  private readonly known = new Map<string, number>();
  private readonly budget: Budget;
  private readonly rememberMs: number;
  private readonly maxMisses: number;
  private readonly maxKnown: number;

  constructor(
    private readonly db: Db,
    store: LimiterStore,
    opts: LinkFinderOptions = {},
  ) {
    this.rememberMs = opts.rememberMissMs ?? 30_000;
    this.maxMisses = opts.maxMisses ?? 10_000;
    this.maxKnown = opts.maxKnown ?? 10_000;
    this.budget = new Budget(store, "viewer:unknown-links", opts.missesPerMinute ?? 30, 60, "allow");
  }

  /** The link or room `token` names, or how long `address` must wait once it has used up its misses. */
  async find(
    token: string,
    address: string,
    now = Date.now(),
  ): Promise<FoundLink | { limited: true; retryAfterSeconds: number }> {
    if (!shareTokenPattern.test(token) || lately(this.misses, token, now)) return NOTHING;
    const charged = !lately(this.known, token, now);
    if (charged) {
      // charged before the lookup and refunded on a find, so parallel guesses cannot all slip through
      const taken = await this.budget.take(address);
      if (!taken.ok) return { limited: true, retryAfterSeconds: taken.retryAfterSeconds };
    }
    const share = await findShare(this.db, token);
    const room = share ? null : await findRoom(this.db, token);
    if (share || room) {
      if (charged) await this.budget.refund(address);
      remember(this.known, token, now + this.rememberMs, this.maxKnown);
      return { share, room };
    }
    this.known.delete(token);
    remember(this.misses, token, now + this.rememberMs, this.maxMisses);
    return NOTHING;
  }
}

/** Whether `token` is in `memory` and not yet expired; an expired one is forgotten. */
function lately(memory: Map<string, number>, token: string, now: number): boolean {
  const until = memory.get(token);
  if (until === undefined) return false;
  if (until > now) return true;
  memory.delete(token);
  return false;
}

/** Remembers `token` until `until`, the oldest forgotten first past `max`. */
function remember(memory: Map<string, number>, token: string, until: number, max: number): void {
  memory.delete(token);
  memory.set(token, until);
  if (memory.size > max) {
    const oldest = memory.keys().next().value;
    if (oldest !== undefined) memory.delete(oldest);
  }
}
