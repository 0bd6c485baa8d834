import { createHash, randomUUID } from "node:crypto";
import type { AssetMeta } from "@pitchside/shared/schemas";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { assets } from "../db/schema";
import { AppError } from "../errors";
import { type FileStorage, versionFileKey } from "../files/storage";
import type { SessionUser } from "../identity/users-service";
import { addVersion, createAsset, type StoredFile } from "./assets-service";

async function storeMarkdown(storage: FileStorage, title: string, body: string) {
  const versionId = randomUUID();
  const data = Buffer.from(body, "utf8");
  const file: StoredFile = {
    key: versionFileKey(versionId),
    fileName: `${title.replace(/[\\/:*?"<>|]+/g, " ").slice(0, 100) || "document"}.md`,
    mimeType: "text/markdown; charset=utf-8",
    kind: "markdown",
    size: data.length,
    sha256: createHash("sha256").update(data).digest("hex"),
  };
  await storage.putBuffer(file.key, data);
  return { versionId, file };
}

export async function createMarkdownAsset(
  db: Db,
  storage: FileStorage,
  actor: SessionUser,
  meta: AssetMeta,
  body: string,
) {
  const { versionId, file } = await storeMarkdown(storage, meta.title, body);
  try {
    return await createAsset(db, actor, { meta, source: "markdown", file, versionId });
  } catch (err) {
    await storage.remove(file.key);
    throw err;
  }
}

/** Each save of an authored asset is a new version, like a replaced file. */
export async function replaceMarkdown(
  db: Db,
  storage: FileStorage,
  actor: SessionUser,
  assetId: string,
  body: string,
  changeNote?: string,
) {
  const [asset] = await db
    .select({ title: assets.title, source: assets.source })
    .from(assets)
    .where(eq(assets.id, assetId));
  if (!asset) throw new AppError("NOT_FOUND", `No asset with id ${assetId}`);
  if (asset.source !== "markdown")
    throw new AppError("BAD_REQUEST", "Only assets written in the portal can be edited as Markdown");
  const { versionId, file } = await storeMarkdown(storage, asset.title, body);
  try {
    return await addVersion(db, actor, assetId, file, versionId, changeNote);
  } catch (err) {
    await storage.remove(file.key);
    throw err;
  }
}
