import { beforeEach, describe, expect, it } from "vitest";
import { installMemoryStorage } from "../../test/memory-storage";
import { ApiError } from "../api/trpc-http";
import { enqueue, flush, type QueuedEvent, queuedCount } from "./event-queue";

const event = { type: "link_inserted" as const, surface: "gmail" as const, assetId: crypto.randomUUID() };

describe("offline event queue", () => {
  beforeEach(() => {
    installMemoryStorage();
  });

  it("keeps events while the server is unreachable and resends them later with the same ids", async () => {
    await enqueue([event, event]);
    const attempts: string[][] = [];
    await flush(async (batch) => {
      attempts.push(batch.map((e) => e.id));
      throw new ApiError("fetch failed", "NETWORK", 0);
    });
    expect(await queuedCount()).toBe(2);

    const delivered: QueuedEvent[] = [];
    await flush(async (batch) => {
      attempts.push(batch.map((e) => e.id));
      delivered.push(...batch);
    });
    expect(await queuedCount()).toBe(0);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toEqual(attempts[0]);
    expect(new Set(delivered.map((e) => e.id)).size).toBe(2);
    expect(delivered.every((e) => e.at && e.type === "link_inserted")).toBe(true);
  });

  it("drops a batch the server rejects as invalid instead of blocking the queue, but keeps it when signed out", async () => {
    await enqueue([event]);
    await flush(async () => {
      throw new ApiError("sign in", "UNAUTHORIZED", 401);
    });
    expect(await queuedCount()).toBe(1);
    await flush(async () => {
      throw new ApiError("bad input", "BAD_REQUEST", 400);
    });
    expect(await queuedCount()).toBe(0);
  });

  it("sends in batches of at most 100", async () => {
    await enqueue(Array.from({ length: 230 }, () => event));
    const sizes: number[] = [];
    await flush(async (batch) => {
      sizes.push(batch.length);
    });
    expect(sizes).toEqual([100, 100, 30]);
  });
});
