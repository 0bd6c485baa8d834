import { Redis } from "ioredis";

/** Deletes the keys under `prefix` only (a test's own), leaving the rest of a shared Redis alone. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  if (!/^[A-Za-z0-9_:.-]+$/.test(prefix)) throw new Error(`not a plain key prefix: ${prefix}`);
  const client = new Redis(url);
  try {
    let deleted = 0;
    for await (const keys of client.scanStream({ match: `${prefix}*`, count: 500 })) {
      const batch = keys as string[];
      if (batch.length > 0) deleted += await client.del(...batch);
    }
    return deleted;
  } finally {
    await client.quit();
  }
}
