import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import { markForIndexing } from "../db/outbox";
import { assets } from "../db/schema";
import { AppError } from "../errors";
import type { SessionUser } from "../identity/users-service";

/** Another language's version of an asset, as a card or the asset page names it. */
export interface LanguageVersion {
  id: string;
  title: string;
  language: string;
  status: string;
}

const languageNames: Record<string, string> = { en: "English", ja: "Japanese" };
const languageName = (language: string) => languageNames[language] ?? language;

/**
 * The members of family `familyId`, held until the transaction ends. `no key update`, as every lock on
 * an asset row: events and searches recorded meanwhile hold key-share locks on the assets they name
 * (their foreign keys), and a plain `for update` deadlocked with them.
 */
async function familyMembers(tx: Db, familyId: string) {
  return tx
    .select({ id: assets.id, language: assets.language })
    .from(assets)
    .where(eq(assets.familyId, familyId))
    .for("no key update");
}

/**
 * Makes assets `id` and `of` language versions of one content (say, a card and its Japanese
 * translation): the one outside a family joins the other's, or both start one. A family holds
 * one version per language; two assets already in different families are refused.
 */
export async function linkLanguageVersion(db: Db, actor: SessionUser, id: string, of: string) {
  if (id === of)
    throw new AppError("BAD_REQUEST", "of: an asset cannot be a language version of itself", {
      reason: "languageVersionSelf",
      field: "of",
    });
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: assets.id, language: assets.language, familyId: assets.familyId })
      .from(assets)
      .where(inArray(assets.id, [id, of]))
      .for("no key update");
    const asset = rows.find((r) => r.id === id);
    const other = rows.find((r) => r.id === of);
    if (!asset) throw new AppError("NOT_FOUND", `No asset with id ${id}`);
    if (!other) throw new AppError("NOT_FOUND", `No asset with id ${of}`);
    if (asset.familyId && asset.familyId === other.familyId) return { familyId: asset.familyId };
    if (asset.familyId && other.familyId)
      throw new AppError(
        "CONFLICT",
        "id: this asset is already a language version of other content; unlink it first",
        { reason: "languageVersionElsewhere", field: "id" },
      );
    // the one already in a family keeps it; the other joins
    const [member, joining] = asset.familyId ? [asset, other] : [other, asset];
    const familyId = member.familyId ?? randomUUID();
    const members = member.familyId
      ? await familyMembers(tx, familyId)
      : [{ id: member.id, language: member.language }];
    const taken = members.find((m) => m.language === joining.language);
    if (taken)
      throw new AppError(
        "CONFLICT",
        `id: this content already has a ${languageName(joining.language)} version (asset ${taken.id})`,
        { reason: "languageVersionTaken", params: { language: joining.language }, field: "id" },
      );
    await tx
      .update(assets)
      .set({ familyId })
      .where(inArray(assets.id, [id, of]));
    await markForIndexing(tx, [joining.id, ...members.map((m) => m.id)]);
    await writeAudit(tx, actor.id, "asset.link_language_version", "asset", id, {
      of,
      familyId,
      language: asset.language,
    });
    return { familyId };
  });
}

/** Takes asset `id` out of its family; a family left with one asset is no family. */
export async function unlinkLanguageVersion(db: Db, actor: SessionUser, id: string) {
  return db.transaction(async (tx) => {
    const [asset] = await tx
      .select({ id: assets.id, familyId: assets.familyId })
      .from(assets)
      .where(eq(assets.id, id))
      .for("no key update");
    if (!asset) throw new AppError("NOT_FOUND", `No asset with id ${id}`);
    if (!asset.familyId) return { unlinked: false };
    const members = await familyMembers(tx, asset.familyId);
    const rest = members.filter((m) => m.id !== id);
    const cleared = rest.length <= 1 ? members.map((m) => m.id) : [id];
    await tx.update(assets).set({ familyId: null }).where(inArray(assets.id, cleared));
    await markForIndexing(
      tx,
      members.map((m) => m.id),
    );
    await writeAudit(tx, actor.id, "asset.unlink_language_version", "asset", id, {
      familyId: asset.familyId,
    });
    return { unlinked: true };
  });
}

/**
 * For each of `ids`, its family's other versions that `visible` lets the caller see,
 * in language order: what a card offers as "Also in 日本語".
 */
export async function languageVersionsOf(
  db: Db,
  ids: string[],
  visible: SQL,
): Promise<Map<string, LanguageVersion[]>> {
  const byId = new Map<string, LanguageVersion[]>();
  if (ids.length === 0) return byId;
  // two lookups by key, the second only when some are in a family (most assets are not)
  const families = await db
    .select({ id: assets.id, familyId: assets.familyId })
    .from(assets)
    .where(and(inArray(assets.id, ids), isNotNull(assets.familyId)));
  if (families.length === 0) return byId;
  const members = await db
    .select({
      id: assets.id,
      title: assets.title,
      language: assets.language,
      status: assets.status,
      familyId: assets.familyId,
    })
    .from(assets)
    .where(
      and(
        inArray(
          assets.familyId,
          families.flatMap((f) => (f.familyId ? [f.familyId] : [])),
        ),
        visible,
      ),
    )
    .orderBy(asc(assets.language));
  for (const { id, familyId } of families) {
    byId.set(
      id,
      members
        .filter((m) => m.familyId === familyId && m.id !== id)
        .map(({ familyId: _, ...version }) => version),
    );
  }
  return byId;
}

/**
 * An asset may take `language` only if no other version in its family has it (as SQL, for
 * the processing job's guess, which must not fail on it).
 */
export function languageFreeInFamily(language: string): SQL {
  return sql`(${assets.familyId} is null or not exists (select 1 from ${assets} as sibling
    where sibling.family_id = ${assets.familyId} and sibling.id <> ${assets.id} and sibling.language = ${language}))`;
}

/** Refuses a language edit that would give the asset's family two versions in one language. */
export async function requireLanguageFreeInFamily(db: Db, id: string, language: string): Promise<void> {
  const [row] = await db
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.id, id), sql`not ${languageFreeInFamily(language)}`));
  if (row)
    throw new AppError(
      "CONFLICT",
      `language: this content already has a ${languageName(language)} version; unlink it first`,
      { reason: "languageVersionTaken", params: { language }, field: "language" },
    );
}
