import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { type LimiterStore, memoryLimiters } from "../limits/limiter-store";

export interface LoginLimits {
  /** Attempts on one account from one address before that address must wait. */
  perAccountIp: number;
  /** Failed attempts from one address, whatever the accounts. */
  perIp: number;
  /** Failed attempts on one account from every address; past it only addresses that have not failed may try. */
  perAccount: number;
  windowSeconds: number;
  /** The first wait once a limit is reached; it doubles with each further block that day, up to the cap. */
  firstBlockSeconds: number;
  maxBlockSeconds: number;
}

export const defaultLoginLimits: LoginLimits = {
  perAccountIp: 5,
  perIp: 50,
  perAccount: 20,
  windowSeconds: 15 * 60,
  firstBlockSeconds: 60,
  maxBlockSeconds: 60 * 60,
};

const DAY_SECONDS = 24 * 3600;

/** One sign-in under way: it was counted before the password was checked, and ends one of two ways. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
}

export type LoginAdmission =
  | { admitted: true; attempt: LoginAttempt }
  | { admitted: false; retryAfterMs: number };

/**
 * Consumes a point; a refusal comes back as a value. A store failure throws: sign-in fails closed,
 * since a throttle that lets everyone through while Redis or Postgres is away is a window for guessing.
 */
async function take(limiter: RateLimiterAbstract, key: string) {
  try {
    return { ok: true as const, res: await limiter.consume(key) };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false as const, res: err };
    throw err;
  }
}

/** A limiter whose blocks grow: each time its points run out on a failure, the wait doubles. */
class EscalatingLimiter {
  private readonly counter: RateLimiterAbstract;
  private readonly strikes: RateLimiterAbstract;

  constructor(
    store: LimiterStore,
    name: string,
    readonly points: number,
    private readonly limits: LoginLimits,
  ) {
    this.counter = store.limiter({ keyPrefix: `login:${name}`, points, duration: limits.windowSeconds });
    this.strikes = store.limiter({
      keyPrefix: `login:${name}:blocks`,
      points: Number.MAX_SAFE_INTEGER,
      duration: DAY_SECONDS,
    });
  }

  take(key: string) {
    return take(this.counter, key);
  }

  giveBack(key: string) {
    return this.counter.reward(key, 1);
  }

  async forget(key: string) {
    await Promise.all([this.counter.delete(key), this.strikes.delete(key)]);
  }

  /** The attempt that took the last point failed: block for the next, doubled, wait. */
  async block(key: string) {
    const { consumedPoints } = await this.strikes.penalty(key, 1);
    const seconds = Math.min(
      this.limits.firstBlockSeconds * 2 ** (consumedPoints - 1),
      this.limits.maxBlockSeconds,
    );
    await this.counter.block(key, seconds);
  }
}

/**
 * Sign-in throttling: every attempt is counted before its password is checked, so parallel guesses
 * cannot outrun the count. Per account and address (5, then exponential waits), per address (50
 * failures), and per account across addresses: past 20 failures an account still admits an address
 * that has not failed on it, so an attacker cannot lock its owner out from elsewhere.
 */
export class LoginThrottle {
  private readonly pair: EscalatingLimiter;
  private readonly ip: EscalatingLimiter;
  private readonly account: RateLimiterAbstract;

  constructor(
    readonly limits: LoginLimits = defaultLoginLimits,
    store: LimiterStore = memoryLimiters(),
  ) {
    this.pair = new EscalatingLimiter(store, "account-ip", limits.perAccountIp, limits);
    this.ip = new EscalatingLimiter(store, "ip", limits.perIp, limits);
    this.account = store.limiter({
      keyPrefix: "login:account",
      points: limits.perAccount,
      duration: limits.windowSeconds,
    });
  }

  async admit(account: string, ip: string): Promise<LoginAdmission> {
    const accountKey = account.toLowerCase();
    const pairKey = `${accountKey}|${ip}`;
    const refused = (ms: number): LoginAdmission => ({ admitted: false, retryAfterMs: Math.max(1000, ms) });
    // a refused attempt checks no password, so it uses up nothing of the next counter
    const pair = await this.pair.take(pairKey);
    if (!pair.ok) return refused(pair.res.msBeforeNext);
    const byIp = await this.ip.take(ip);
    if (!byIp.ok) {
      await this.pair.giveBack(pairKey);
      return refused(byIp.res.msBeforeNext);
    }
    const accountFailures = await this.account.get(accountKey);
    // an address with an earlier attempt in the window counts as one that has failed here
    if (
      accountFailures !== null &&
      accountFailures.consumedPoints >= this.limits.perAccount &&
      pair.res.consumedPoints > 1
    ) {
      await Promise.all([this.pair.giveBack(pairKey), this.ip.giveBack(ip)]);
      return refused(accountFailures.msBeforeNext);
    }

    return {
      admitted: true,
      attempt: {
        succeeded: async () => {
          await Promise.all([this.pair.forget(pairKey), this.ip.giveBack(ip)]);
        },
        failed: async () => {
          await this.account.penalty(accountKey, 1);
          if (pair.res.consumedPoints >= this.pair.points) await this.pair.block(pairKey);
          if (byIp.res.consumedPoints >= this.ip.points) await this.ip.block(ip);
        },
      },
    };
  }
}
