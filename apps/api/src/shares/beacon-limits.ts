/**
 * Fixed-window request counters in memory, per key. Per process: behind
 * several API processes each allows the limit, which still bounds abuse.
 */
export class WindowLimiter {
  private readonly counts = new Map<string, { windowStart: number; n: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one request; false when the key is over its limit in this window. */
  take(key: string, now = Date.now()): boolean {
    let entry = this.counts.get(key);
    if (!entry || now - entry.windowStart >= this.windowMs) {
      if (!entry && this.counts.size >= this.maxKeys) this.sweep(now);
      entry = { windowStart: now, n: 0 };
      this.counts.set(key, entry);
    }
    entry.n += 1;
    return entry.n <= this.limit;
  }

  /** Requests counted for the key in its current window. */
  used(key: string, now = Date.now()): number {
    const entry = this.counts.get(key);
    return entry && now - entry.windowStart < this.windowMs ? entry.n : 0;
  }

  /** Gives back one request counted in this window (one that turned out not to count). */
  refund(key: string, now = Date.now()): void {
    const entry = this.counts.get(key);
    if (entry && now - entry.windowStart < this.windowMs && entry.n > 0) entry.n -= 1;
  }

  private sweep(now: number) {
    for (const [key, entry] of this.counts) {
      if (now - entry.windowStart >= this.windowMs) this.counts.delete(key);
    }
    // still full of live windows: drop the oldest half rather than grow without bound
    if (this.counts.size >= this.maxKeys) {
      const keys = [...this.counts.keys()].slice(0, Math.floor(this.maxKeys / 2));
      for (const key of keys) this.counts.delete(key);
    }
  }
}

export interface BeaconLimits {
  /** Per link and client (hashed address and user agent): rotating visitor ids share it. */
  perClient: WindowLimiter;
  perLink: WindowLimiter;
  /** Passcode tries per link and address: 10 in 15 minutes. */
  passcodes: WindowLimiter;
}

/**
 * What a client may still send in a minute once its link's budget is spent:
 * enough for a newcomer's open and a reader's flush every few seconds.
 */
export const FAIR_SHARE_PER_MINUTE = 20;

/** A reader flushes every few seconds; 60 a minute per client and 600 per link leave room for bursts. */
export const newBeaconLimits = (
  opts: { perClientPerMinute?: number; perLinkPerMinute?: number } = {},
): BeaconLimits => ({
  perClient: new WindowLimiter(opts.perClientPerMinute ?? 60, 60_000),
  perLink: new WindowLimiter(opts.perLinkPerMinute ?? 600, 60_000),
  passcodes: new WindowLimiter(10, 15 * 60_000),
});

/**
 * Whether a beacon from this client may pass. Each client has its own budget;
 * the link's, once spent by some, stops only clients past their fair share,
 * so one abuser cannot lock the link's real prospect out.
 */
export function admitBeacon(limits: BeaconLimits, token: string, client: string, now = Date.now()): boolean {
  const key = `${token}:${client}`;
  if (!limits.perClient.take(key, now)) return false;
  return limits.perLink.take(token, now) || limits.perClient.used(key, now) <= FAIR_SHARE_PER_MINUTE;
}
