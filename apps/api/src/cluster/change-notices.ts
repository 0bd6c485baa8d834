import { z } from "zod";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import type { ClusterBus } from "./cluster-bus";

/** A change other API processes must hear of: what their caches hold about it is stale. */
export type ChangeNotice =
  /** A user's sessions, tokens, role, team, password or disabling. */
  { kind: "user"; userId: string } | { kind: "taxonomy" };

export const USER_CHANNEL = "pitchside_user";
export const TAXONOMY_CHANNEL = "pitchside_taxonomy";

const channelOf = (notice: ChangeNotice) => (notice.kind === "user" ? USER_CHANNEL : TAXONOMY_CHANNEL);
const payloadOf = (notice: ChangeNotice) => (notice.kind === "user" ? notice.userId : "");

/** What a cache does on a notice for a database; `null`: anything may have changed. */
type Forget = (db: Db, notice: ChangeNotice | null) => void;

const forgetters = new Set<Forget>();
/** Databases whose notices this process cannot hear now (the bus is reconnecting): nothing is cached for them. */
const deaf = new WeakSet<Db>();

/** Each cache registers once, at load: from then on every notice for a database reaches it. */
export function forgetOnChange(forget: Forget): void {
  forgetters.add(forget);
}

/** For ShortCache's `holds`: keep nothing while a change could go unheard. */
export const hearsChanges = (db: Db) => !deaf.has(db);

function forgetHere(db: Db, notice: ChangeNotice | null): void {
  for (const forget of forgetters) forget(db, notice);
}

/**
 * Makes `change` in one transaction and has every API process forget what it made stale: this one
 * right after the commit, the others through the bus, on Postgres by NOTIFY inside the transaction
 * (sent at commit, never for a rollback), elsewhere published once the change has committed.
 */
export async function changeAndNotify<T>(
  db: Db,
  bus: ClusterBus,
  notices: ChangeNotice[],
  change: (tx: Db) => Promise<T>,
): Promise<T> {
  const publishWithin = bus.publishWithin;
  const result = await db.transaction(async (tx) => {
    const value = await change(tx);
    if (publishWithin) for (const n of notices) await publishWithin(tx, channelOf(n), payloadOf(n));
    return value;
  });
  for (const n of notices) forgetHere(db, n);
  if (!publishWithin) for (const n of notices) await bus.publish(channelOf(n), payloadOf(n));
  return result;
}

const userId = z.uuid();

/**
 * Subscribes this process's caches for `db` to the bus. While the bus is reconnecting nothing is
 * cached, and once it is back everything is forgotten: notices sent in between are lost.
 */
export function listenForChanges(bus: ClusterBus, db: Db, logger: Logger): () => void {
  const offs = [
    bus.subscribe(USER_CHANNEL, (payload) => {
      const parsed = userId.safeParse(payload);
      if (parsed.success) forgetHere(db, { kind: "user", userId: parsed.data });
      else logger.warn("ignored a user change notice that names no user id");
    }),
    bus.subscribe(TAXONOMY_CHANNEL, () => forgetHere(db, { kind: "taxonomy" })),
    bus.onConnection((connected) => {
      if (connected) deaf.delete(db);
      else deaf.add(db);
      forgetHere(db, null);
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
