import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { lt } from "drizzle-orm";
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { writeAudit } from "../audit";
import { limitedBody, MB } from "../body-limit";
import type { Db } from "../db/client";
import { crmDeliveries } from "../db/schema";
import type { AppDeps } from "../deps";
import { AppError } from "../errors";
import { Budget } from "../limits/budget";
import { dealRecordSchema, issuePath } from "./deal-input";
import { syncDeals } from "./deal-sync";

export const SIGNATURE_HEADER = "x-pitchside-signature";
export const TIMESTAMP_HEADER = "x-pitchside-timestamp";
/** How old a signed request may be: the window in which a captured one could be replayed. */
export const MAX_AGE_SECONDS = 300;
/** How far ahead of ours the sender's clock may run (timestamps and updatedAt alike). */
export const MAX_AHEAD_SECONDS = 60;
/** Accepted signatures are remembered while their timestamp would still be accepted. */
export const REPLAY_WINDOW_SECONDS = MAX_AGE_SECONDS + MAX_AHEAD_SECONDS;
export const MAX_DEALS_PER_REQUEST = 1000;

/** `sha256=` + hex HMAC-SHA256 of "<timestamp>.<raw body>": what a sender computes. */
export function signCrmPayload(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;
}

type Verdict = { ok: true } | { ok: false; error: string };

export function verifyCrmSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: Buffer,
  nowSeconds: number,
): Verdict {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, error: "X-Pitchside-Timestamp is missing or not unix seconds" };
  }
  const age = nowSeconds - Number(timestamp);
  if (age > MAX_AGE_SECONDS) {
    return { ok: false, error: `X-Pitchside-Timestamp is more than ${MAX_AGE_SECONDS} seconds old` };
  }
  if (age < -MAX_AHEAD_SECONDS) {
    return {
      ok: false,
      error: `X-Pitchside-Timestamp is more than ${MAX_AHEAD_SECONDS} seconds ahead of the server's clock`,
    };
  }
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signature?.trim() ?? "")?.[1];
  if (!given) return { ok: false, error: "X-Pitchside-Signature is missing or not sha256=<64 hex digits>" };
  const expected = createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest();
  if (!timingSafeEqual(Buffer.from(given, "hex"), expected)) {
    return { ok: false, error: "X-Pitchside-Signature does not match the body" };
  }
  return { ok: true };
}

/** A deal as the CRM sends it: with its modification time there, so an older delivery never overwrites a newer one. */
const crmDealSchema = dealRecordSchema.extend({
  updatedAt: z.iso
    .datetime({
      offset: true,
      error: "is required: the deal's last-modified time in the CRM, an ISO 8601 date-time with offset",
    })
    .transform((v) => new Date(v))
    .refine(
      (d) => d.getTime() <= Date.now() + MAX_AHEAD_SECONDS * 1000,
      `must not be more than ${MAX_AHEAD_SECONDS} seconds ahead of the server's clock`,
    ),
});

const payloadSchema = z.union([
  crmDealSchema,
  z.array(crmDealSchema).min(1, "send at least one deal").max(MAX_DEALS_PER_REQUEST),
]);

/**
 * Remembers a signature for the replay window; false when it was already
 * accepted. In the caller's transaction, so a delivery that fails is not
 * remembered and may be retried as it was; old digests go as new ones come.
 */
async function firstDelivery(tx: Db, signature: string, now: Date): Promise<boolean> {
  await tx
    .delete(crmDeliveries)
    .where(lt(crmDeliveries.receivedAt, new Date(now.getTime() - REPLAY_WINDOW_SECONDS * 1000)));
  const digest = createHash("sha256").update(signature.trim().toLowerCase()).digest("hex");
  const kept = await tx
    .insert(crmDeliveries)
    .values({ digest, receivedAt: now })
    .onConflictDoNothing()
    .returning({ digest: crmDeliveries.digest });
  return kept.length > 0;
}

/** POST /api/integrations/crm/deals: signed deal upserts from a CRM (docs/crm-webhook.md). */
export function crmWebhookRoutes(deps: AppDeps) {
  const router = Router();
  const perMinute = deps.config.limits.crmWebhookCallsPerMinute;
  // fails open: callers prove the secret, and a store outage should not drop a CRM's deal updates
  const calls = new Budget(deps.limiters, "crm-webhook:source", perMinute, 60, "allow");
  router.post(
    "/api/integrations/crm/deals",
    // per sending address, counted before the body is read or its signature checked
    async (req: Request, _res: Response, next) => {
      try {
        const taken = await calls.take(req.ip ?? "");
        if (taken.ok) return next();
        throw new AppError(
          "TOO_MANY_REQUESTS",
          `Too many calls from this address: at most ${perMinute} a minute (CRM_WEBHOOK_CALLS_PER_MINUTE); retry after ${taken.retryAfterSeconds} seconds`,
          undefined,
          { "Retry-After": String(taken.retryAfterSeconds) },
        );
      } catch (err) {
        next(err);
      }
    },
    // the signature covers the exact bytes sent, so the body is kept raw until it is verified
    limitedBody({
      limit: 5 * MB,
      as: "buffer",
      refusal: () => ({ error: "body: larger than 5 MB; send fewer deals per request" }),
    }),
    async (req: Request, res: Response, next) => {
      try {
        const secret = deps.config.crmWebhookSecret;
        if (!secret) {
          res
            .status(503)
            .json({ error: "The CRM webhook is not configured: set CRM_WEBHOOK_SECRET on the server" });
          return;
        }
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const verdict = verifyCrmSignature(
          secret,
          { timestamp: req.get(TIMESTAMP_HEADER), signature: req.get(SIGNATURE_HEADER) },
          body,
          Math.floor(Date.now() / 1000),
        );
        if (!verdict.ok) throw new AppError("UNAUTHORIZED", verdict.error);
        let json: unknown;
        try {
          json = JSON.parse(body.toString("utf8"));
        } catch {
          throw new AppError("BAD_REQUEST", "body: not valid JSON");
        }
        const parsed = payloadSchema.safeParse(json);
        if (!parsed.success) {
          // a union reports both branches; the branch matching the body's shape names the real field
          throw new AppError("BAD_REQUEST", firstRelevantIssue(parsed.error, Array.isArray(json)));
        }
        const records = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
        const result = await deps.database.db.transaction(async (tx) => {
          if (!(await firstDelivery(tx, req.get(SIGNATURE_HEADER) ?? "", new Date()))) return null;
          const synced = await syncDeals(tx, records, "crm");
          if (synced.created + synced.updated > 0) {
            await writeAudit(tx, null, "deal.crm_sync", "deal", null, {
              received: records.length,
              created: synced.created,
              updated: synced.updated,
            });
          }
          return synced;
        });
        if (!result) {
          throw new AppError(
            "CONFLICT",
            "This delivery was already received (same signature): it needs no retry; a new delivery is signed with a new timestamp",
          );
        }
        // all stale: a 200 all the same, so the CRM does not retry what it has since overtaken
        const ignored = result.stale === records.length ? { ignored: "stale" as const } : {};
        res.status(200).json({ ...ignored, received: records.length, ...result });
      } catch (err) {
        next(err);
      }
    },
  );
  return router;
}

function firstRelevantIssue(error: z.ZodError, isArray: boolean): string {
  const [top] = error.issues;
  if (top?.code === "invalid_union") {
    const branch = top.errors[isArray ? 1 : 0] ?? top.errors[0] ?? [];
    const issue = branch[0];
    if (issue) return `${issuePath(issue.path) || "body"}: ${issue.message}`;
  }
  return top ? `${issuePath(top.path) || "body"}: ${top.message}` : "body: invalid";
}
