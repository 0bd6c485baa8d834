import { sql } from "drizzle-orm";
import pg from "pg";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { type ClusterBus, reconnectDelayMs, Subscribers } from "./cluster-bus";

/** How the LISTEN connection names itself in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "pitchside-listen";

/**
 * Postgres LISTEN/NOTIFY: messages go out as `pg_notify` on the app's own pool (or inside a
 * change's transaction, so they leave at its commit); one dedicated connection per process
 * listens. When that connection drops it comes back with backoff, and its subscribers are told,
 * since whatever was sent in between is lost.
 */
export class PostgresBus implements ClusterBus {
  readonly kind = "postgres";
  private readonly subscribers: Subscribers;
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private attempt = 0;
  /** Connections that errored or ended, before or after they became `client`. */
  private readonly lost = new WeakSet<pg.Client>();

  constructor(
    private readonly url: string,
    private readonly db: Db,
    private readonly logger: Logger,
  ) {
    this.subscribers = new Subscribers((err, channel) =>
      logger.error({ err, channel }, "a cluster message handler failed"),
    );
  }

  /** The listening connection's backend pid (pg_stat_activity), or null while it reconnects. */
  get listenerPid(): number | null {
    // node-postgres sets it from the server's BackendKeyData; its typings omit it
    return (this.client as { processID?: number } | null)?.processID ?? null;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  readonly publishWithin = async (tx: Db, channel: string, payload: string): Promise<void> => {
    await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
  };

  async publish(channel: string, payload: string): Promise<void> {
    try {
      await this.publishWithin(this.db, channel, payload);
    } catch (err) {
      this.logger.error({ err: (err as Error).message, channel }, "could not send a cluster message");
    }
  }

  subscribe(channel: string, handler: (payload: string) => void): () => void {
    const first = !this.subscribers.has(channel);
    const off = this.subscribers.add(channel, handler);
    const client = this.client;
    if (first && client) {
      client.query(`LISTEN ${channel}`).catch((err: Error) => this.dropped(client, err));
    }
    return off;
  }

  onConnection(handler: (connected: boolean) => void): () => void {
    return this.subscribers.onConnection(handler);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: LISTENER_APPLICATION_NAME,
      // a silently dead link (no RST) is found within a minute rather than never
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on("notification", (msg) => this.subscribers.deliver(msg.channel, msg.payload ?? ""));
    client.on("error", (err) => this.dropped(client, err));
    client.on("end", () => this.dropped(client, null));
    try {
      await client.connect();
      // channels come from code (CHANNEL_PATTERN), never from input
      for (const channel of this.subscribers.channels()) await client.query(`LISTEN ${channel}`);
      if (this.lost.has(client)) throw new Error("the connection dropped while it was set up");
    } catch (err) {
      client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    this.attempt = 0;
  }

  private dropped(client: pg.Client, err: Error | null): void {
    this.lost.add(client);
    if (this.client !== client || this.stopped) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.logger.warn({ err: err?.message }, "the cluster bus lost its Postgres connection; reconnecting");
    this.subscribers.connection(false);
    this.reconnectLater();
  }

  private reconnectLater(): void {
    const delay = reconnectDelayMs(this.attempt++);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.stopped) return;
      this.connect().then(
        () => {
          if (!this.client) return;
          this.logger.info("the cluster bus is listening again");
          this.subscribers.connection(true);
        },
        (err: Error) => {
          this.logger.warn({ err: err.message }, "the cluster bus could not reconnect to Postgres");
          this.reconnectLater();
        },
      );
    }, delay);
    this.retry.unref();
  }
}
