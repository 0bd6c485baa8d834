import type { Db } from "./db/client";

interface Entry<V> {
  at: number;
  value: Promise<V>;
  /** Set once the load has finished: what `forget` matches against. */
  settled?: { value: V };
}

/**
 * Values read on nearly every request (who a token belongs to, the taxonomy), kept a few seconds
 * per database. A change drops what it touched at once in this process, and in every other API
 * process as soon as the cluster bus brings its notice (cluster/change-notices.ts); `ttlMs` only
 * bounds what a lost notice could leave stale.
 */
export class ShortCache<V> {
  private readonly entries = new WeakMap<Db, Map<string, Entry<V>>>();

  constructor(
    private readonly ttlMs: number,
    /** Whether a loaded value may be kept (a miss, say, should not be). */
    private readonly keep: (value: V) => boolean = () => true,
    private readonly maxEntries = 10_000,
    /** Whether anything may be kept for this database now (not while its changes cannot be heard). */
    private readonly holds: (db: Db) => boolean = () => true,
  ) {}

  get(db: Db, key: string, load: () => Promise<V>): Promise<V> {
    if (!this.holds(db)) return load();
    let map = this.entries.get(db);
    if (!map) {
      map = new Map();
      this.entries.set(db, map);
    }
    const hit = map.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    if (map.size >= this.maxEntries) map.clear();
    const value = load();
    const entry: Entry<V> = { at: Date.now(), value };
    map.set(key, entry);
    const forget = () => {
      if (map.get(key) === entry) map.delete(key);
    };
    value.then((v) => {
      entry.settled = { value: v };
      if (!this.keep(v)) forget();
    }, forget);
    return value;
  }

  /** Drops everything kept for `db`, loads under way included (they may have read the old state). */
  clear(db: Db): void {
    this.entries.get(db)?.clear();
  }

  /** Drops `db`'s values that `matches`, and every load still under way: it may have read what changed. */
  forget(db: Db, matches: (value: V) => boolean): void {
    const map = this.entries.get(db);
    if (!map) return;
    for (const [key, entry] of map) {
      if (!entry.settled || matches(entry.settled.value)) map.delete(key);
    }
  }
}
