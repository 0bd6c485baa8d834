import type { AssetStatus, Role } from "@pitchside/shared";
import { type AssetMetaInput, assetMetaSchema } from "@pitchside/shared/schemas";
import { createAsset, setStatus } from "../src/assets/assets-service";
import type { Db } from "../src/db/client";
import { createTeam, createUser, type SessionUser } from "../src/identity/users-service";

let seq = 0;

export async function makeUser(
  db: Db,
  over: Partial<{ role: Role; email: string; password: string; teamId: string | null; name: string }> = {},
) {
  seq += 1;
  const password = over.password ?? "correct-horse-battery-staple";
  const user = await createUser(db, {
    email: over.email ?? `user${seq}-${Date.now()}@example.test`,
    name: over.name ?? `User ${seq}`,
    role: over.role ?? "rep",
    password,
    teamId: over.teamId ?? null,
  });
  return { ...user, password };
}

export const makeTeam = (db: Db, name = `Team ${++seq}`) => createTeam(db, name);

export interface UploadResult {
  status: number;
  body: { assetId?: string; versionId?: string; status?: string; error?: string };
}

/** Sends a file to POST /api/uploads as the portal would (multipart). */
export async function uploadFile(
  url: string,
  auth: { token: string },
  file: { name: string; data: Buffer | string; meta?: Record<string, unknown>; assetId?: string },
): Promise<UploadResult> {
  const form = new FormData();
  form.append(
    "file",
    new Blob([typeof file.data === "string" ? file.data : new Uint8Array(file.data)]),
    file.name,
  );
  if (file.meta) form.append("meta", JSON.stringify(file.meta));
  if (file.assetId) form.append("assetId", file.assetId);
  const res = await fetch(`${url}/api/uploads`, {
    method: "POST",
    headers: { authorization: `Bearer ${auth.token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as UploadResult["body"] };
}

/** A link asset straight through the service (no file to process), published unless told otherwise. */
export async function makeLinkAsset(
  db: Db,
  actor: SessionUser,
  meta: AssetMetaInput & { status?: AssetStatus },
): Promise<string> {
  const { status = "published", ...rest } = meta;
  const { assetId } = await createAsset(db, actor, {
    meta: assetMetaSchema.parse(rest),
    source: "link",
    url: `https://example.com/${encodeURIComponent(meta.title)}`,
  });
  if (status !== "draft") await setStatus(db, actor, assetId, status);
  return assetId;
}
