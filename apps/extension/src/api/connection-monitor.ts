/** How the wait between reconnection attempts grows. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
  /** ± this fraction of each wait, so panels in many tabs do not all retry at the same moment. */
  jitter: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 30_000, jitter: 0.2 };

/** The wait before reconnection attempt `attempt` (0 first): doubling from firstMs, never above maxMs. */
export function backoffDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF, random = Math.random) {
  const base = Math.min(backoff.maxMs, backoff.firstMs * 2 ** attempt);
  const jittered = base * (1 - backoff.jitter + 2 * backoff.jitter * random());
  return Math.round(Math.min(backoff.maxMs, jittered));
}

export interface ConnectionState {
  /** The server could not be reached; attempts to reach it again are under way. */
  reconnecting: boolean;
  /** The server that could not be reached, when known. */
  serverUrl: string | null;
  /** Counts the outages that ended: whatever failed to load during one loads again when it grows. */
  recoveries: number;
}

/**
 * Tracks whether the server answers. The first unreachable call starts attempts (`probe`) on a
 * backoff; the first answer, from a probe or from any call, ends the outage and counts a recovery.
 */
export class ConnectionMonitor {
  private state: ConnectionState = { reconnecting: false, serverUrl: null, recoveries: 0 };
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private probing = false;

  constructor(
    /** Resolves when the server answers, rejects when it cannot be reached. */
    private readonly probe: () => Promise<unknown>,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {}

  /** The same object until something changes (what React's useSyncExternalStore needs). */
  readonly current = (): ConnectionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A call could not reach the server: start reconnecting, unless already. */
  unreachable(serverUrl: string | null): void {
    if (this.state.reconnecting) {
      if (serverUrl && serverUrl !== this.state.serverUrl) this.set({ ...this.state, serverUrl });
      return;
    }
    this.attempt = 0;
    this.set({ ...this.state, reconnecting: true, serverUrl: serverUrl ?? this.state.serverUrl });
    this.schedule();
  }

  /** The server answered (even with an error): an outage, if there was one, is over. */
  answered(): void {
    if (!this.state.reconnecting) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.set({ ...this.state, reconnecting: false, recoveries: this.state.recoveries + 1 });
  }

  /** Tries at once (the browser is back online, the tab is visible again); the backoff carries on after. */
  retryNow(): void {
    if (!this.state.reconnecting || this.probing) return;
    clearTimeout(this.timer);
    void this.tryOnce();
  }

  /** Stops any pending attempt (a page going away). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const delay = backoffDelay(this.attempt, this.backoff);
    this.attempt += 1;
    this.timer = setTimeout(() => void this.tryOnce(), delay);
  }

  private async tryOnce(): Promise<void> {
    this.probing = true;
    let reached = false;
    try {
      await this.probe();
      reached = true;
    } catch {
      // still unreachable: the next attempt is scheduled below
    } finally {
      this.probing = false;
    }
    if (reached) this.answered();
    else if (this.state.reconnecting) this.schedule();
  }

  private set(next: ConnectionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
