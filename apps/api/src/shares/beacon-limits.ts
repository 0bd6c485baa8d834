import { Budget, type Taken } from "../limits/budget";
import type { LimiterStore } from "../limits/limiter-store";

export interface BeaconLimits {
  /** Per link and client (hashed address and user agent): rotating visitor ids share it. */
  perClient: Budget;
  perLink: Budget;
  /** Passcode tries per link and address: 10 in 15 minutes. */
  passcodes: Budget;
}

/**
 * What a client may still send in a minute once its link's budget is spent:
 * enough for a newcomer's open and a reader's flush every few seconds.
 */
export const FAIR_SHARE_PER_MINUTE = 20;

/**
 * A reader flushes every few seconds; 60 a minute per client and 600 per link leave room for bursts.
 * Beacons fail open (a store that cannot be reached loses no reading time; bodies stay bounded and
 * ingestion idempotent); passcodes fail closed, since that limit is what stops guessing.
 */
export const newBeaconLimits = (
  store: LimiterStore,
  opts: { perClientPerMinute?: number; perLinkPerMinute?: number } = {},
): BeaconLimits => ({
  perClient: new Budget(store, "beacon:client", opts.perClientPerMinute ?? 60, 60, "allow"),
  perLink: new Budget(store, "beacon:link", opts.perLinkPerMinute ?? 600, 60, "allow"),
  passcodes: new Budget(store, "viewer:passcode", 10, 15 * 60, "refuse"),
});

/**
 * Whether a beacon from this client may pass. Each client has its own budget;
 * the link's, once spent by some, stops only clients past their fair share,
 * so one abuser cannot lock the link's real prospect out.
 */
export async function admitBeacon(limits: BeaconLimits, token: string, client: string): Promise<Taken> {
  const own = await limits.perClient.take(`${token}:${client}`);
  if (!own.ok) return own;
  const link = await limits.perLink.take(token);
  return link.ok || own.used <= FAIR_SHARE_PER_MINUTE ? own : link;
}
