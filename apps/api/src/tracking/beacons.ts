import { createHmac, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { deals } from "../db/schema";
import { AppError } from "../errors";
import type { AppMetrics } from "../operations/metrics";
import type { FoundRoom, FoundShare } from "../shares/public-link";
import { ingestEventsIn, type NewEvent } from "./events-service";
import { activeAllowance, findVisitor, recordVisit } from "./link-visits";
import { notifyRoomOpened, notifyShareOpened } from "./notifications-service";

/** The most one flush may claim: a reader flushes every few seconds. */
export const MAX_ACTIVE_MS_PER_FLUSH = 30 * 60_000;

const beaconSchema = z
  .object({
    id: z.uuid().optional(),
    type: z.enum(["open", "page", "download"]),
    page: z.number().int().min(1).max(100_000).optional(),
    activeMs: z
      .number()
      .int("must be whole milliseconds")
      .min(0, "must not be negative")
      .max(MAX_ACTIVE_MS_PER_FLUSH, `must be at most ${MAX_ACTIVE_MS_PER_FLUSH} per flush`)
      .optional(),
    /** Absent: the visitor is known by their hashed address and user agent. */
    visitorId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8 to 64 URL-safe characters")
      .optional(),
  })
  .refine((e) => e.type !== "page" || (e.page !== undefined && e.activeMs !== undefined), {
    message: "a page event needs page and activeMs",
    path: ["page"],
  });
const beaconBodySchema = z.union([beaconSchema, z.array(beaconSchema).min(1).max(20)]);
export type Beacon = z.infer<typeof beaconSchema>;

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === "invalid_union") {
    const inner = issue.errors.flat()[0];
    if (inner) return `${inner.path.join(".") || "body"}: ${inner.message}`;
  }
  return issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "body: invalid";
}

/** A beacon request's body (one event or up to 20, all from one visitor); BAD_REQUEST naming the fault. */
export function parseBeacons(body: unknown): Beacon[] {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === "string" ? body : "");
  } catch {
    throw new AppError("BAD_REQUEST", "body: not valid JSON");
  }
  const parsed = beaconBodySchema.safeParse(json);
  if (!parsed.success) throw new AppError("BAD_REQUEST", issueText(parsed.error));
  const beacons = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const sentId = beacons[0]?.visitorId;
  if (beacons.some((b) => b.visitorId !== sentId)) {
    throw new AppError("BAD_REQUEST", "visitorId: one visitor per request");
  }
  return beacons;
}

function dailyHash(secret: string, what: string): string {
  const day = new Date().toISOString().slice(0, 10);
  return createHmac("sha256", secret).update(`${day}:${what}`).digest("hex").slice(0, 16);
}

/** The client's address as a salted, truncated hash that changes every day: enough to spot abuse, not to identify. */
export function ipHash(secret: string, ip: string | undefined): string {
  return dailyHash(secret, `viewer-ip:${ip ?? ""}`);
}

/** The browser (address and user agent) the same way: one client, whatever visitor ids it sends. */
export function clientHash(secret: string, ip: string | undefined, userAgent: string | undefined): string {
  return dailyHash(secret, `viewer-client:${ip ?? ""}:${userAgent ?? ""}`);
}

/**
 * A visitor without a visitor id (storage blocked, a script of their own): their address and user
 * agent as a salted hash, kept (unlike the daily hashes) so a return visit counts as the same
 * visitor. The `c:` prefix never collides with a browser's id (URL-safe characters only).
 */
export function clientVisitorKey(
  secret: string,
  ip: string | undefined,
  userAgent: string | undefined,
): string {
  const hash = createHmac("sha256", secret)
    .update(`viewer-visitor:${ip ?? ""}:${userAgent ?? ""}`)
    .digest("base64url");
  return `c:${hash.slice(0, 22)}`;
}

/** BAD_REQUEST for beacons the link cannot have sent: a page past its last, a download it does not allow. */
export function checkShareBeacons(found: FoundShare, beacons: readonly Beacon[]): void {
  // a text, an image, a video or a link reads as one page
  const pageCount = found.version.pageCount ?? 1;
  if (beacons.some((b) => b.page !== undefined && b.page > pageCount))
    throw new AppError("BAD_REQUEST", `page: the document has ${pageCount} page(s)`);
  if (beacons.some((b) => b.type === "download") && !found.share.allowDownload) {
    throw new AppError("BAD_REQUEST", "type: this link does not allow downloads");
  }
}

/** BAD_REQUEST unless every beacon is an opening: a room's assets count on their own links. */
export function checkRoomBeacons(beacons: readonly Beacon[]): void {
  if (beacons.some((b) => b.type !== "open")) throw new AppError("BAD_REQUEST", "type: a room only opens");
}

export interface ShareBeacons {
  found: FoundShare;
  beacons: readonly Beacon[];
  visitorId: string;
  clientHash: string;
  ipHash: string;
  /** The email the visitor gave at the link's gate, if it asked. */
  email: string | null;
}

/**
 * A prospect's reading of a link, as events of its visit: active time capped by how long the visit
 * has lasted, a retried batch ignored, and the link's maker told of a first opening.
 */
export async function ingestShareBeacons(
  db: Db,
  opts: { metrics: AppMetrics; mailing: boolean },
  b: ShareBeacons,
): Promise<void> {
  const { found } = b;
  const { share } = found;
  const now = new Date();
  await db.transaction(async (tx) => {
    const visitor = await findVisitor(tx, {
      shareId: share.id,
      visitorId: b.visitorId,
      clientHash: b.clientHash,
      at: now,
    });
    // a visit cannot have been read for longer than it has lasted: claims past that are cut
    let allowance = activeAllowance(visitor.visit, now);
    const rows: NewEvent[] = b.beacons.map((beacon) => {
      const activeMs = Math.min(beacon.activeMs ?? 0, allowance);
      if (beacon.type === "page") allowance -= activeMs;
      return {
        id: beacon.id ?? randomUUID(),
        type:
          beacon.type === "open"
            ? "prospect_opened"
            : beacon.type === "page"
              ? "prospect_page"
              : "asset_downloaded",
        userId: null,
        assetId: share.assetId,
        dealId: share.dealId,
        shareId: share.id,
        surface: "viewer",
        at: now,
        props: {
          visitorId: visitor.visitorId,
          ipHash: b.ipHash,
          versionId: found.version.id,
          ...(b.email ? { email: b.email } : {}),
          ...(beacon.type === "page" ? { page: beacon.page, activeMs } : {}),
        },
      };
    });
    const inserted = await ingestEventsIn(tx, rows);
    if (inserted.length === 0) return; // a retried batch
    opts.metrics.eventsIngested.inc({ source: "viewer" }, inserted.length);
    const pages = new Map<number, number>();
    for (const e of inserted) {
      const ms = Number(e.props.activeMs);
      if (e.type !== "prospect_page" || ms <= 0) continue;
      const page = Number(e.props.page);
      pages.set(page, (pages.get(page) ?? 0) + ms);
    }
    await recordVisit(tx, {
      shareId: share.id,
      visitor,
      clientHash: b.clientHash,
      email: b.email,
      at: now,
      pages,
    });
    if (share.createdBy && inserted.some((e) => e.type === "prospect_opened")) {
      await notifyShareOpened(tx, opts.mailing, share.createdBy, {
        shareId: share.id,
        linkName: share.name,
        roomId: share.roomId,
        roomName: found.room?.name ?? null,
        assetId: share.assetId,
        assetTitle: found.asset.title,
        dealId: share.dealId,
        dealName: found.dealName,
        recipientEmail: share.recipientEmail,
        visitorEmail: b.email,
        openedAt: now.toISOString(),
      });
    }
  });
}

/** A deal room's opening: tells its maker (a room without one tells no one). */
export async function roomOpened(
  db: Db,
  opts: { mailing: boolean },
  { room }: FoundRoom,
  email: string | null,
): Promise<void> {
  if (!room.createdBy) return;
  const createdBy = room.createdBy;
  const dealName = room.dealId
    ? ((await db.select({ name: deals.name }).from(deals).where(eq(deals.id, room.dealId)))[0]?.name ?? null)
    : null;
  await db.transaction((tx) =>
    notifyRoomOpened(tx, opts.mailing, createdBy, {
      roomId: room.id,
      roomName: room.name,
      dealId: room.dealId,
      dealName,
      recipientEmail: room.recipientEmail,
      visitorEmail: email,
      openedAt: new Date().toISOString(),
    }),
  );
}
