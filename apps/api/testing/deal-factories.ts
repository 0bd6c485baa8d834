import { randomUUID } from "node:crypto";
import type { AssetType, Audience } from "@pitchside/shared";
import { FILE_TYPES, type FileKind } from "../src/assets/processing/detect-type";
import type { Db } from "../src/db/client";
import { assets, assetVersions, dealContacts, dealStageHistory, deals } from "../src/db/schema";
import { signCrmPayload } from "../src/deals/crm-webhook-route";
import type { FileStorage } from "../src/files/storage";
import { versionFileKey, versionRenditionKey, versionThumbnailKey } from "../src/files/storage";

let seq = 0;

export async function makeDeal(
  db: Db,
  over: Partial<typeof deals.$inferInsert> & {
    contacts?: { email: string; name?: string; title?: string }[];
  } = {},
) {
  seq += 1;
  const { contacts = [], ...values } = over;
  const [deal] = await db
    .insert(deals)
    .values({ name: `Deal ${seq}`, accountName: `Account ${seq}`, stage: "discovery", ...values })
    .returning();
  if (!deal) throw new Error("insert returned no row");
  await db.insert(dealStageHistory).values({ dealId: deal.id, toStage: deal.stage, source: "test" });
  if (contacts.length > 0) {
    await db
      .insert(dealContacts)
      .values(
        contacts.map((c) => ({ dealId: deal.id, email: c.email, name: c.name ?? "", title: c.title ?? "" })),
      );
  }
  return deal;
}

/**
 * An asset with one processed version, written straight to the database and
 * storage (the upload path has its own tests); published unless told otherwise.
 */
export async function makeAsset(
  db: Db,
  storage: FileStorage,
  over: {
    title?: string;
    status?: "draft" | "in_review" | "published" | "archived";
    type?: AssetType;
    audience?: Audience;
    teamIds?: string[];
    expiresAt?: Date | null;
    source?: "file" | "link" | "markdown";
    url?: string;
    /** Stored with its kind's MIME type (detect-type.ts), as an upload detected as that kind would be. */
    file?: { data: Buffer | string; kind: FileKind; fileName: string; pageCount?: number };
    /** The PDF an Office file reads as (a PDF is its own), and the card picture. */
    rendition?: Buffer;
    thumbnail?: Buffer;
  } = {},
) {
  seq += 1;
  const versionId = randomUUID();
  const file = over.file;
  const key = file ? versionFileKey(versionId) : null;
  if (file && key) await storage.putBuffer(key, Buffer.from(file.data));
  const renditionKey = over.rendition ? versionRenditionKey(versionId) : null;
  if (over.rendition && renditionKey) await storage.putBuffer(renditionKey, over.rendition);
  const thumbnailKey = over.thumbnail ? versionThumbnailKey(versionId) : null;
  if (over.thumbnail && thumbnailKey) await storage.putBuffer(thumbnailKey, over.thumbnail);
  const [asset] = await db
    .insert(assets)
    .values({
      title: over.title ?? `Asset ${seq}`,
      type: over.type ?? "case_study",
      audience: over.audience ?? "external",
      status: over.status ?? "published",
      source: over.source ?? (file ? "file" : "link"),
      url: over.url ?? (file ? null : "https://example.com/asset"),
      teamIds: over.teamIds ?? [],
      expiresAt: over.expiresAt ?? null,
      currentVersionId: versionId,
    })
    .returning();
  if (!asset) throw new Error("insert returned no row");
  await db.insert(assetVersions).values({
    id: versionId,
    assetId: asset.id,
    number: 1,
    fileKey: key,
    fileName: file?.fileName ?? null,
    mimeType: file ? FILE_TYPES[file.kind].mime : null,
    kind: file?.kind ?? null,
    size: file ? Buffer.byteLength(file.data) : null,
    pageCount: file?.pageCount ?? null,
    processingState: "ready",
    thumbnailKey,
    // a PDF is its own rendition
    ...(file?.kind === "pdf" ? { renditionKey: key, renditionState: "ready" as const } : {}),
    ...(renditionKey ? { renditionKey, renditionState: "ready" as const } : {}),
  });
  return { assetId: asset.id, versionId, title: asset.title };
}

/** POSTs a body to the CRM webhook signed as a CRM would (or with the given overrides). */
export async function postCrm(
  url: string,
  secret: string,
  body: unknown,
  opts: { timestamp?: number; signature?: string; raw?: string } = {},
) {
  const raw = opts.raw ?? JSON.stringify(body);
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const res = await fetch(`${url}/api/integrations/crm/deals`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-pitchside-timestamp": timestamp,
      "x-pitchside-signature": opts.signature ?? signCrmPayload(secret, timestamp, raw),
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

/** A browser's user agent: the viewer counts only people. */
export const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
