import type { AssetStatus, TaxonomyKind } from "@pitchside/shared";
import type { AssetMeta, AssetMetaPatch } from "@pitchside/shared/schemas";
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { audienceForType, getWorkspaceSettings } from "../admin/workspace-settings";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import { markForIndexing } from "../db/outbox";
import { assets, assetVersions, taxonomyTerms, teams, users, versionPages } from "../db/schema";
import { AppError } from "../errors";
import type { SessionUser } from "../identity/users-service";
import { enqueueJob } from "../jobs/queue";
import { toAssetDto, toVersionDto } from "./asset-dto";
import type { AssetListInput } from "./asset-inputs";
import { notifyEndedLinks } from "./ended-links";
import { languageVersionsOf, requireLanguageFreeInFamily } from "./language-families";
import { mayDownloadOriginal } from "./original-access";
import { type FileKind, isPagedKind } from "./processing/detect-type";
import { seesEverything, visibleAssetsWhere } from "./visibility";

export interface StoredFile {
  key: string;
  fileName: string;
  mimeType: string;
  kind: FileKind;
  size: number;
  sha256: string;
}

const taxonomyFields: [keyof AssetMeta & keyof AssetMetaPatch, TaxonomyKind][] = [
  ["stages", "stage"],
  ["personas", "persona"],
  ["industries", "industry"],
  ["competitors", "competitor"],
  ["objections", "objection"],
];

/** Refuses taxonomy keys and teams that do not exist, naming the field. */
async function checkReferences(db: Db, meta: Partial<AssetMeta>): Promise<void> {
  const wanted = taxonomyFields.flatMap(
    ([field, kind]) => (meta[field] as string[] | undefined)?.map((key) => ({ field, kind, key })) ?? [],
  );
  if (wanted.length > 0) {
    const rows = await db
      .select({ kind: taxonomyTerms.kind, key: taxonomyTerms.key })
      .from(taxonomyTerms)
      .where(inArray(taxonomyTerms.key, [...new Set(wanted.map((w) => w.key))]));
    const known = new Set(rows.map((r) => `${r.kind}:${r.key}`));
    const missing = wanted.find((w) => !known.has(`${w.kind}:${w.key}`));
    if (missing)
      throw new AppError("BAD_REQUEST", `${missing.field}: unknown ${missing.kind} key "${missing.key}"`);
  }
  if (meta.teams && meta.teams.length > 0) {
    const rows = await db.select({ id: teams.id }).from(teams).where(inArray(teams.id, meta.teams));
    const missing = meta.teams.find((id) => !rows.some((r) => r.id === id));
    if (missing) throw new AppError("BAD_REQUEST", `teams: no team with id ${missing}`);
  }
}

function metaColumns(meta: Partial<AssetMeta>) {
  return {
    ...(meta.title !== undefined ? { title: meta.title } : {}),
    ...(meta.summary !== undefined ? { summary: meta.summary } : {}),
    ...(meta.type !== undefined ? { type: meta.type } : {}),
    ...(meta.audience !== undefined ? { audience: meta.audience } : {}),
    ...(meta.language !== undefined ? { language: meta.language } : {}),
    ...(meta.stages !== undefined ? { stages: meta.stages } : {}),
    ...(meta.personas !== undefined ? { personas: meta.personas } : {}),
    ...(meta.industries !== undefined ? { industries: meta.industries } : {}),
    ...(meta.competitors !== undefined ? { competitors: meta.competitors } : {}),
    ...(meta.objections !== undefined ? { objections: meta.objections } : {}),
    ...(meta.tags !== undefined ? { tags: meta.tags } : {}),
    ...(meta.teams !== undefined ? { teamIds: meta.teams } : {}),
    ...(meta.expiresAt !== undefined ? { expiresAt: meta.expiresAt ? new Date(meta.expiresAt) : null } : {}),
    ...(meta.externalId !== undefined ? { externalId: meta.externalId } : {}),
  };
}

async function requireUniqueExternalId(db: Db, externalId: string | undefined, exceptId?: string) {
  if (!externalId) return;
  const [row] = await db.select({ id: assets.id }).from(assets).where(eq(assets.externalId, externalId));
  if (row && row.id !== exceptId)
    throw new AppError("CONFLICT", `externalId: ${externalId} is already used by asset ${row.id}`);
}

export interface NewAsset {
  meta: AssetMeta;
  source: "file" | "link" | "markdown";
  url?: string;
  file?: StoredFile;
  versionId?: string;
  /** Uploaded from the portal, details still to come: hidden until saved, removed if never saved. */
  unsaved?: boolean;
}

/** One transaction: the asset, its first version, the processing job and the outbox row. */
export async function createAsset(db: Db, actor: SessionUser, input: NewAsset) {
  await checkReferences(db, input.meta);
  await requireUniqueExternalId(db, input.meta.externalId);
  const workspace = await getWorkspaceSettings(db);
  return db.transaction(async (tx) => {
    const [asset] = await tx
      .insert(assets)
      .values({
        ...metaColumns(input.meta),
        title: input.meta.title,
        type: input.meta.type,
        audience: input.meta.audience ?? audienceForType(workspace, input.meta.type),
        source: input.source,
        url: input.url ?? null,
        language: input.meta.language ?? "en",
        ownerId: actor.id,
        unsaved: input.unsaved === true,
      })
      .returning();
    if (!asset) throw new Error("insert returned no row");
    const version = await insertVersion(tx, asset.id, 1, actor, {
      file: input.file,
      versionId: input.versionId,
      guessLanguage: !input.meta.language,
      live: true,
    });
    await writeAudit(tx, actor.id, "asset.create", "asset", asset.id, {
      title: asset.title,
      source: input.source,
    });
    return { assetId: asset.id, versionId: version.id, status: version.processingState };
  });
}

interface VersionInput {
  file: StoredFile | undefined;
  versionId: string | undefined;
  guessLanguage: boolean;
  changeNote?: string | undefined;
  /** Goes live at once; otherwise it waits for review as the asset's pending version. */
  live: boolean;
}

async function insertVersion(
  tx: Db,
  assetId: string,
  number: number,
  actor: SessionUser,
  input: VersionInput,
) {
  const { file } = input;
  const [version] = await tx
    .insert(assetVersions)
    .values({
      ...(input.versionId ? { id: input.versionId } : {}),
      assetId,
      number,
      fileKey: file?.key ?? null,
      fileName: file?.fileName ?? null,
      mimeType: file?.mimeType ?? null,
      kind: file?.kind ?? null,
      size: file?.size ?? null,
      sha256: file?.sha256 ?? null,
      // a link has nothing to process
      processingState: file ? "pending" : "ready",
      renditionState: file && isPagedKind(file.kind) ? "pending" : "none",
      // a PDF is its own rendition, readable before its page pictures are made
      renditionKey: file?.kind === "pdf" ? file.key : null,
      changeNote: input.changeNote?.trim() || null,
      createdBy: actor.id,
    })
    .returning();
  if (!version) throw new Error("insert returned no row");
  await tx
    .update(assets)
    .set(
      input.live
        ? { currentVersionId: version.id, pendingVersionId: null, updatedAt: new Date() }
        : { pendingVersionId: version.id, updatedAt: new Date() },
    )
    .where(eq(assets.id, assetId));
  if (file)
    await enqueueJob(tx, "process_version", {
      versionId: version.id,
      kind: file.kind,
      guessLanguage: input.guessLanguage,
    });
  // a link's card is drawn straight away; a file's pictures follow its processing
  else await enqueueJob(tx, "render_version", { versionId: version.id });
  await markForIndexing(tx, [assetId]);
  return version;
}

/**
 * A replaced file becomes a new version; the old ones stay for marketers.
 * When the workspace reviews new versions, a published asset's new version
 * waits for another marketer's approval and the live one stays live.
 */
export async function addVersion(
  db: Db,
  actor: SessionUser,
  assetId: string,
  file: StoredFile,
  versionId?: string,
  changeNote?: string,
) {
  const workspace = await getWorkspaceSettings(db);
  return db.transaction(async (tx) => {
    const [asset] = await tx.select().from(assets).where(eq(assets.id, assetId)).for("no key update");
    if (!asset) throw new AppError("NOT_FOUND", `assetId: no asset with id ${assetId}`);
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${assetVersions.number}), 0)::int` })
      .from(assetVersions)
      .where(eq(assetVersions.assetId, assetId));
    const live = !(workspace.reviewNewVersions && asset.status === "published");
    const version = await insertVersion(tx, assetId, (last?.n ?? 0) + 1, actor, {
      file,
      versionId,
      guessLanguage: false,
      changeNote,
      live,
    });
    await writeAudit(tx, actor.id, "asset.version", "asset", assetId, {
      versionId: version.id,
      number: version.number,
      awaitingReview: !live,
    });
    return { assetId, versionId: version.id, status: version.processingState, awaitingReview: !live };
  });
}

/**
 * Puts a version waiting for review live. With reviews on, whoever made the
 * change cannot approve it: a second marketer (or an admin) must.
 */
export async function approveVersion(db: Db, actor: SessionUser, versionId: string) {
  const workspace = await getWorkspaceSettings(db);
  return db.transaction(async (tx) => {
    const [version] = await tx.select().from(assetVersions).where(eq(assetVersions.id, versionId));
    if (!version) throw new AppError("NOT_FOUND", `No version with id ${versionId}`);
    const [asset] = await tx.select().from(assets).where(eq(assets.id, version.assetId)).for("no key update");
    if (!asset || asset.pendingVersionId !== versionId) {
      throw new AppError("BAD_REQUEST", "versionId: this version is not waiting for review");
    }
    if (workspace.reviewNewVersions && version.createdBy === actor.id) {
      throw new AppError("FORBIDDEN", "You made this change: another marketer must review and approve it");
    }
    await tx
      .update(assets)
      .set({ currentVersionId: versionId, pendingVersionId: null, updatedAt: new Date() })
      .where(eq(assets.id, asset.id));
    await markForIndexing(tx, [asset.id]);
    await writeAudit(tx, actor.id, "asset.approve_version", "asset", asset.id, {
      versionId,
      number: version.number,
    });
    return { assetId: asset.id, versionId };
  });
}

type VersionRow = typeof assetVersions.$inferSelect;

/** Which pages differ between two versions, by their text (a slide is its text and notes). */
async function versionChanges(db: Db, newer: VersionRow, older: VersionRow) {
  const rows = await db
    .select({ versionId: versionPages.versionId, number: versionPages.number, text: versionPages.text })
    .from(versionPages)
    .where(inArray(versionPages.versionId, [newer.id, older.id]));
  const textOf = (versionId: string) =>
    new Map(rows.filter((r) => r.versionId === versionId).map((r) => [r.number, r.text.trim()]));
  const now = textOf(newer.id);
  const then = textOf(older.id);
  const pagesChanged = [...now.keys()]
    .filter((n) => then.has(n) && then.get(n) !== now.get(n))
    .sort((a, b) => a - b);
  return {
    versionId: newer.id,
    comparedWithVersionId: older.id,
    changeNote: newer.changeNote,
    pageCountBefore: older.pageCount,
    pageCountAfter: newer.pageCount,
    /** Pages present in both whose text differs; null until both versions' pages are read. */
    pagesChanged: now.size > 0 && then.size > 0 ? pagesChanged : null,
    fileChanged: newer.sha256 !== older.sha256,
  };
}

async function loadVisible(db: Db, user: SessionUser, id: string) {
  const [row] = await db
    .select()
    .from(assets)
    .where(and(eq(assets.id, id), visibleAssetsWhere(user)));
  // not found and not allowed answer alike: existence is not revealed
  if (!row) throw new AppError("NOT_FOUND", `No asset with id ${id}`);
  return row;
}

export async function getAsset(db: Db, user: SessionUser, id: string) {
  const row = await loadVisible(db, user, id);
  const versions = await db
    .select()
    .from(assetVersions)
    .where(eq(assetVersions.assetId, id))
    .orderBy(desc(assetVersions.number));
  const current = versions.find((v) => v.id === row.currentVersionId);
  const shown = seesEverything(user) ? versions : versions.filter((v) => v.id === row.currentVersionId);
  // names for the workflow's "who": submitted, published and archived by
  const actorIds = [row.submittedBy, row.publishedBy, row.archivedBy].filter(
    (id): id is string => id != null,
  );
  const actors = actorIds.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds))
    : [];
  // the current version's page strip: each page's picture, when it has one
  const pages = current
    ? await db
        .select({ number: versionPages.number, imageKey: versionPages.imageKey })
        .from(versionPages)
        .where(eq(versionPages.versionId, current.id))
        .orderBy(asc(versionPages.number))
    : [];
  const curator = seesEverything(user);
  // what the newest version changed, against the one before it (the live one, for a version in review)
  const newest = versions[0];
  const before = newest && (newest.id === row.pendingVersionId ? current : versions[1]);
  const languageVersions = await languageVersionsOf(db, [id], visibleAssetsWhere(user));
  return {
    ...toAssetDto(row, current),
    /** The same content in other languages, as far as the caller may see it. */
    languageVersions: languageVersions.get(id) ?? [],
    pendingVersionId: curator ? row.pendingVersionId : null,
    changes:
      curator && newest && before && newest.id !== before.id
        ? await versionChanges(db, newest, before)
        : null,
    versions: shown.map((v) => {
      const dto = toVersionDto(v);
      return mayDownloadOriginal(user, v) ? dto : { ...dto, downloadUrl: null };
    }),
    pages: pages.map((p) => ({
      number: p.number,
      imageUrl: p.imageKey && current ? `/api/files/${current.id}/pages/${p.number}` : null,
    })),
    actorNames: Object.fromEntries(actors.map((a) => [a.id, a.name])) as Record<string, string>,
  };
}

export async function getAssetByExternalId(db: Db, user: SessionUser, externalId: string) {
  const [row] = await db
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.externalId, externalId), visibleAssetsWhere(user)));
  return row ? getAsset(db, user, row.id) : null;
}

export async function listAssets(db: Db, user: SessionUser, f: AssetListInput) {
  // an upload whose details were never saved is not in the library yet
  const conditions: SQL[] = [visibleAssetsWhere(user), eq(assets.unsaved, false)];
  if (f.status?.length) conditions.push(inArray(assets.status, f.status));
  if (f.type?.length) conditions.push(sql`${assets.type}::text in ${f.type}`);
  if (f.externalId) conditions.push(eq(assets.externalId, f.externalId));
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(assets.title, pattern), ilike(assets.summary, pattern));
    if (match) conditions.push(match);
  }
  if (f.processing) conditions.push(eq(assetVersions.processingState, f.processing));
  const where = and(...conditions);
  const rows = await db
    .select({ asset: assets, version: { id: assetVersions.id, thumbnailKey: assetVersions.thumbnailKey } })
    .from(assets)
    .leftJoin(assetVersions, eq(assetVersions.id, assets.currentVersionId))
    .where(where)
    .orderBy(desc(assets.updatedAt), asc(assets.id))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assets)
    .leftJoin(assetVersions, eq(assetVersions.id, assets.currentVersionId))
    .where(where);
  return { items: rows.map((r) => toAssetDto(r.asset, r.version)), total: count?.n ?? 0 };
}

export async function updateAsset(db: Db, actor: SessionUser, id: string, patch: AssetMetaPatch) {
  await checkReferences(db, patch);
  await requireUniqueExternalId(db, patch.externalId, id);
  if (patch.language !== undefined) await requireLanguageFreeInFamily(db, id, patch.language);
  const workspace = await getWorkspaceSettings(db);
  const updated = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ type: assets.type, audience: assets.audience })
      .from(assets)
      .where(eq(assets.id, id))
      .for("no key update");
    if (!before) throw new AppError("NOT_FOUND", `No asset with id ${id}`);
    // an audience that was only the old type's default follows the new type's
    const followsType =
      patch.type !== undefined &&
      patch.audience === undefined &&
      before.audience === audienceForType(workspace, before.type);
    const audience = followsType && patch.type ? { audience: audienceForType(workspace, patch.type) } : {};
    const [row] = await tx
      .update(assets)
      .set({ ...metaColumns(patch), ...audience, unsaved: false, updatedAt: new Date() })
      .where(eq(assets.id, id))
      .returning();
    if (!row) throw new AppError("NOT_FOUND", `No asset with id ${id}`);
    await markForIndexing(tx, [id]);
    await writeAudit(tx, actor.id, "asset.update", "asset", id, patch);
    return row;
  });
  // made internal, or given an expiry in the past: its links end now
  await notifyEndedLinks(db);
  return updated;
}

/** The workflow: who may move an asset from where to where. */
const transitions: Record<AssetStatus, AssetStatus[]> = {
  draft: ["in_review", "published", "archived"],
  in_review: ["draft", "published", "archived"],
  published: ["archived", "draft"],
  archived: ["draft", "published"],
};

export async function setStatus(db: Db, actor: SessionUser, id: string, status: AssetStatus) {
  const row = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(assets).where(eq(assets.id, id)).for("no key update");
    if (!current) throw new AppError("NOT_FOUND", `No asset with id ${id}`);
    if (current.status === status) return current;
    if (!transitions[current.status].includes(status)) {
      throw new AppError("BAD_REQUEST", `status: cannot move an asset from ${current.status} to ${status}`);
    }
    const now = new Date();
    const stamp =
      status === "in_review"
        ? { submittedBy: actor.id, submittedAt: now }
        : status === "published"
          ? { publishedBy: actor.id, publishedAt: now }
          : status === "archived"
            ? { archivedBy: actor.id, archivedAt: now }
            : {};
    const [row] = await tx
      .update(assets)
      .set({ status, ...stamp, unsaved: false, updatedAt: now })
      .where(eq(assets.id, id))
      .returning();
    await markForIndexing(tx, [id]);
    await writeAudit(tx, actor.id, "asset.status", "asset", id, { from: current.status, to: status });
    if (!row) throw new Error("update returned no row");
    return row;
  });
  // its links end now; their makers are told
  await notifyEndedLinks(db);
  return row;
}

/** Puts a version back in the queue (after a fix, or a transient failure): its text, then its pages. */
export async function retryProcessing(db: Db, actor: SessionUser, versionId: string) {
  return db.transaction(async (tx) => {
    const [version] = await tx.select().from(assetVersions).where(eq(assetVersions.id, versionId));
    if (!version) throw new AppError("NOT_FOUND", `No version with id ${versionId}`);
    const { kind } = version;
    if (!version.fileKey || !kind) throw new AppError("BAD_REQUEST", "This version has no file to process");
    if (version.processingState === "pending" || version.renditionState === "pending")
      return { versionId, status: "pending" as const };
    await tx
      .update(assetVersions)
      .set({
        processingState: "pending",
        processingError: null,
        renditionState: isPagedKind(kind) ? "pending" : "none",
        renditionError: null,
      })
      .where(eq(assetVersions.id, versionId));
    await enqueueJob(tx, "process_version", { versionId, kind, guessLanguage: false });
    await writeAudit(tx, actor.id, "asset.retry", "asset", version.assetId, { versionId });
    return { versionId, status: "pending" as const };
  });
}
