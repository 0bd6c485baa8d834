import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import type { LimiterStore } from "./limiter-store";

/**
 * What a limit does when its store cannot be reached: `allow` when being counted matters less than
 * being served (beacons, uploads), `refuse` when the limit is what stops guessing (passcodes).
 */
export type OnStoreFailure = "allow" | "refuse";

export type Taken = { ok: true; used: number } | { ok: false; retryAfterSeconds: number };

/** How long a refusal asks a client to wait when the store, not the budget, refused. */
const STORE_DOWN_RETRY_SECONDS = 30;

export const retryAfterSeconds = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));

/** One counted limit: `points` uses per `seconds` for each key, in the shared store. */
export class Budget {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    private readonly store: LimiterStore,
    readonly name: string,
    readonly points: number,
    seconds: number,
    private readonly onStoreFailure: OnStoreFailure,
  ) {
    this.limiter = store.limiter({ keyPrefix: name, points, duration: seconds });
  }

  /** Counts one use; refused once the key's window holds `points` uses. */
  async take(key: string): Promise<Taken> {
    try {
      return { ok: true, used: (await this.limiter.consume(key)).consumedPoints };
    } catch (err) {
      if (err instanceof RateLimiterRes)
        return { ok: false, retryAfterSeconds: retryAfterSeconds(err.msBeforeNext) };
      this.store.failed(this.name, err);
      return this.onStoreFailure === "allow"
        ? { ok: true, used: 0 }
        : { ok: false, retryAfterSeconds: STORE_DOWN_RETRY_SECONDS };
    }
  }

  /** Gives back one use that turned out not to count. */
  async refund(key: string): Promise<void> {
    await this.limiter.reward(key, 1).catch((err: unknown) => this.store.failed(this.name, err));
  }
}
