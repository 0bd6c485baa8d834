import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { type ClusterBus, reconnectDelayMs, Subscribers } from "./cluster-bus";
import { clusterId } from "./cluster-id";

/** A sign-out waits no longer than this for Redis; past it the message is logged as lost. */
const PUBLISH_TIMEOUT_MS = 2_000;

/**
 * Redis pub/sub, for deployments that already run Redis or reach Postgres through a pooler that
 * cannot LISTEN. Messages are published after the change commits; channels are prefixed with the
 * database's cluster id. When the subscribing connection drops, ioredis reconnects with backoff and
 * the subscribers are told, since whatever was published in between is lost.
 */
export class RedisBus implements ClusterBus {
  readonly kind = "redis";
  /** How the subscribing connection names itself in CLIENT LIST: one name per process. */
  readonly listenerName = `pitchside-listen-${randomBytes(4).toString("hex")}`;
  private readonly subscribers: Subscribers;
  private readonly sub: Redis;
  private readonly pub: Redis;
  private prefix: Promise<string> | null = null;
  /** Whether `sub` is subscribed to every channel now; false from a drop until it is again. */
  private live = false;
  private dropped = false;
  private subscribing: Promise<void> | null = null;

  constructor(
    url: string,
    private readonly db: Db,
    private readonly logger: Logger,
  ) {
    this.subscribers = new Subscribers((err, channel) =>
      logger.error({ err, channel }, "a cluster message handler failed"),
    );
    const common = {
      lazyConnect: true,
      retryStrategy: (times: number) => reconnectDelayMs(times - 1),
    };
    // subscriptions are renewed below, so that "connected again" is said only once they are live
    this.sub = new Redis(url, { ...common, connectionName: this.listenerName, autoResubscribe: false });
    this.pub = new Redis(url, { ...common, commandTimeout: PUBLISH_TIMEOUT_MS, maxRetriesPerRequest: 1 });
    for (const client of [this.sub, this.pub]) {
      // ioredis retries by itself; without a listener an error would end the process
      client.on("error", (err: Error) => logger.debug({ err: err.message }, "redis connection error"));
    }
    this.sub.on("message", (channel: string, message: string) => void this.heard(channel, message));
    this.sub.on("ready", () => void this.resubscribe());
    this.sub.on("close", () => {
      if (!this.live) return;
      this.live = false;
      this.dropped = true;
      this.logger.warn("the cluster bus lost its Redis connection; reconnecting");
      this.subscribers.connection(false);
    });
  }

  private channelPrefix(): Promise<string> {
    this.prefix ??= clusterId(this.db).then((id) => `pitchside:${id}:`);
    return this.prefix;
  }

  async start(): Promise<void> {
    await this.channelPrefix();
    await Promise.all([this.sub.connect(), this.pub.connect()]);
    await this.resubscribe();
  }

  async publish(channel: string, payload: string): Promise<void> {
    try {
      await this.pub.publish(`${await this.channelPrefix()}${channel}`, payload);
    } catch (err) {
      this.logger.error({ err: (err as Error).message, channel }, "could not send a cluster message");
    }
  }

  subscribe(channel: string, handler: (payload: string) => void): () => void {
    const first = !this.subscribers.has(channel);
    const off = this.subscribers.add(channel, handler);
    if (first && this.live) {
      void this.channelPrefix()
        .then((prefix) => this.sub.subscribe(`${prefix}${channel}`))
        .catch((err: Error) => this.logger.warn({ err: err.message, channel }, "could not subscribe"));
    }
    return off;
  }

  onConnection(handler: (connected: boolean) => void): () => void {
    return this.subscribers.onConnection(handler);
  }

  async stop(): Promise<void> {
    this.live = false;
    this.sub.disconnect();
    this.pub.disconnect();
  }

  private async heard(channel: string, message: string): Promise<void> {
    const prefix = await this.channelPrefix();
    if (channel.startsWith(prefix)) this.subscribers.deliver(channel.slice(prefix.length), message);
  }

  private resubscribe(): Promise<void> {
    this.subscribing ??= this.subscribeAll().finally(() => {
      this.subscribing = null;
    });
    return this.subscribing;
  }

  private async subscribeAll(): Promise<void> {
    if (this.live || this.sub.status !== "ready") return;
    try {
      const prefix = await this.channelPrefix();
      const channels = this.subscribers.channels().map((c) => `${prefix}${c}`);
      if (channels.length > 0) await this.sub.subscribe(...channels);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, "could not subscribe to the cluster bus");
      return;
    }
    this.live = true;
    if (!this.dropped) return;
    this.dropped = false;
    this.logger.info("the cluster bus is listening again");
    this.subscribers.connection(true);
  }
}
