import { EventEmitter } from "node:events";
import type { Db } from "../db/client";

export type MessageHandler = (payload: string) => void;
/** Told false when the connection that hears other processes drops, true once it is back. */
export type ConnectionHandler = (connected: boolean) => void;

/**
 * Messages between the API processes that share one database: what one changes, the others'
 * caches drop. Every process hears its own messages too.
 */
export interface ClusterBus {
  readonly kind: "postgres" | "redis" | "local";
  /** Connects and listens (Postgres, Redis); resolves once subscriptions are live. */
  start(): Promise<void>;
  /**
   * Sends `payload` to every subscriber of `channel`. Never rejects: a message that cannot be sent
   * is logged, and the caches' few seconds bound what it leaves stale.
   */
  publish(channel: string, payload: string): Promise<void>;
  /** Postgres only: the message as a statement of the transaction `tx`, sent when it commits, never on rollback. */
  readonly publishWithin?: (tx: Db, channel: string, payload: string) => Promise<void>;
  subscribe(channel: string, handler: MessageHandler): () => void;
  /** Messages sent while disconnected are lost: a handler told `true` must assume anything changed. */
  onConnection(handler: ConnectionHandler): () => void;
  stop(): Promise<void>;
}

/** Channel names go into LISTEN as identifiers and into Redis channel names: kept plain. */
export const CHANNEL_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

const CONNECTION = Symbol("connection");

/** The subscribers of one bus, whatever carries the messages. */
export class Subscribers {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onError: (err: unknown, channel: string) => void) {
    // one handler per cache and test, never a leak
    this.emitter.setMaxListeners(0);
  }

  channels(): string[] {
    return this.emitter.eventNames().filter((n): n is string => typeof n === "string");
  }

  has(channel: string): boolean {
    return this.emitter.listenerCount(channel) > 0;
  }

  add(channel: string, handler: MessageHandler): () => void {
    if (!CHANNEL_PATTERN.test(channel)) throw new Error(`not a plain channel name: ${channel}`);
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }

  onConnection(handler: ConnectionHandler): () => void {
    this.emitter.on(CONNECTION, handler);
    return () => this.emitter.off(CONNECTION, handler);
  }

  deliver(channel: string, payload: string): void {
    for (const handler of this.emitter.listeners(channel) as MessageHandler[]) {
      try {
        handler(payload);
      } catch (err) {
        this.onError(err, channel);
      }
    }
  }

  connection(connected: boolean): void {
    for (const handler of this.emitter.listeners(CONNECTION) as ConnectionHandler[]) handler(connected);
  }
}

/**
 * The embedded database: one process holds its lock, so there is no one else to tell and the
 * messages stay in this process.
 */
export function localBus(onError: (err: unknown, channel: string) => void = () => undefined): ClusterBus {
  const subscribers = new Subscribers(onError);
  return {
    kind: "local",
    start: async () => undefined,
    publish: async (channel, payload) => subscribers.deliver(channel, payload),
    subscribe: (channel, handler) => subscribers.add(channel, handler),
    onConnection: (handler) => subscribers.onConnection(handler),
    stop: async () => undefined,
  };
}

/** Waits before reconnect number `attempt` (0-based): 0.2 s doubling to 10 s, with jitter so processes spread out. */
export const reconnectDelayMs = (attempt: number) =>
  Math.min(10_000, 200 * 2 ** Math.min(attempt, 6)) * (0.75 + Math.random() / 2);
