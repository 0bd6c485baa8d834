import type { Response } from "express";

/** A 429 that says when to come back, in the header every HTTP client knows, with a JSON body. */
export function sendTooMany(res: Response, retryAfterSeconds: number, body: Record<string, unknown>): void {
  res.setHeader("Retry-After", String(retryAfterSeconds));
  res.status(429).json(body);
}
