import type { Db } from "./db/client";

interface Entry<V> {
  at: number;
  generation: number;
  value: Promise<V>;
}

/**
 * Values read on nearly every request (who a token belongs to, the taxonomy), kept a few seconds
 * per database. `clear()` drops everything at once: each change made in this process calls it, so
 * this process never serves a stale value; another API process's change shows within `ttlMs`.
 */
export class ShortCache<V> {
  private generation = 0;
  private readonly entries = new WeakMap<Db, Map<string, Entry<V>>>();

  constructor(
    private readonly ttlMs: number,
    /** Whether a loaded value may be kept (a miss, say, should not be). */
    private readonly keep: (value: V) => boolean = () => true,
    private readonly maxEntries = 10_000,
  ) {}

  get(db: Db, key: string, load: () => Promise<V>): Promise<V> {
    let map = this.entries.get(db);
    if (!map) {
      map = new Map();
      this.entries.set(db, map);
    }
    const hit = map.get(key);
    if (hit && hit.generation === this.generation && Date.now() - hit.at < this.ttlMs) return hit.value;
    if (map.size >= this.maxEntries) map.clear();
    const value = load();
    const entry = { at: Date.now(), generation: this.generation, value };
    map.set(key, entry);
    const forget = () => {
      if (map.get(key) === entry) map.delete(key);
    };
    value.then((v) => (this.keep(v) ? undefined : forget()), forget);
    return value;
  }

  clear(): void {
    this.generation += 1;
  }
}
