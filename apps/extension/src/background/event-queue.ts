import type { EventInput } from "../api/calls";
import { ApiError } from "../api/trpc-http";

const QUEUE_KEY = "eventQueue";
/** The API's batch limit. */
const BATCH = 100;
/** Oldest events are dropped beyond this, so a long outage cannot fill the storage quota. */
const MAX_QUEUED = 2000;

export type QueuedEvent = EventInput & { id: string; at: string };
export type SendBatch = (events: QueuedEvent[]) => Promise<void>;

async function read(): Promise<QueuedEvent[]> {
  const stored = await chrome.storage.local.get(QUEUE_KEY);
  const value = stored[QUEUE_KEY];
  return Array.isArray(value) ? (value as QueuedEvent[]) : [];
}

const write = (events: QueuedEvent[]) => chrome.storage.local.set({ [QUEUE_KEY]: events });

/** Stamps each event with an id and time once, so a resend after a lost answer is recognised by the server. */
export async function enqueue(events: Omit<EventInput, "id" | "at">[]): Promise<number> {
  const now = new Date().toISOString();
  const stamped = events.map((e) => ({ ...e, id: crypto.randomUUID(), at: now }));
  const queue = [...(await read()), ...stamped].slice(-MAX_QUEUED);
  await write(queue);
  return queue.length;
}

let flushing: Promise<void> | null = null;

/** Sends queued events in batches; stops at the first network failure and keeps the rest for later. */
export function flush(send: SendBatch): Promise<void> {
  flushing ??= (async () => {
    try {
      for (;;) {
        const queue = await read();
        const batch = queue.slice(0, BATCH);
        if (batch.length === 0) return;
        try {
          await send(batch);
        } catch (err) {
          // a rejected batch (bad input, revoked access) would block the queue forever: drop it
          const permanent = err instanceof ApiError && err.status >= 400 && err.status < 500;
          if (!permanent || err.code === "UNAUTHORIZED") return;
        }
        const sent = new Set(batch.map((e) => e.id));
        await write((await read()).filter((e) => !sent.has(e.id)));
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

export const queuedCount = async () => (await read()).length;
