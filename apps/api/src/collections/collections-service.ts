import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { fromRow } from "../assets/asset-dto";
import { seesEverything, visibleAssetsWhere } from "../assets/visibility";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import { assets, assetVersions, collectionItems, collections } from "../db/schema";
import { AppError } from "../errors";
import type { SessionUser } from "../identity/users-service";
import type { CollectionSaveInput } from "./collection-inputs";

/** A collection limited to teams is seen by those teams (and by curators). */
function visibleCollectionsWhere(user: SessionUser) {
  if (seesEverything(user)) return sql`true`;
  const team = user.teamId ? sql`or ${user.teamId}::uuid = any(${collections.teamIds})` : sql``;
  return sql`(cardinality(${collections.teamIds}) = 0 ${team})`;
}

export async function listCollections(db: Db, user: SessionUser) {
  const rows = await db
    .select({
      collection: collections,
      // counts only the items this user may see
      count: sql<number>`(select count(*)::int from ${collectionItems} ci join ${assets} on ${assets.id} = ci.asset_id
        where ci.collection_id = ${collections.id} and ${visibleAssetsWhere(user)})`,
    })
    .from(collections)
    .where(visibleCollectionsWhere(user))
    .orderBy(asc(collections.name));
  return rows.map((r) => ({
    id: r.collection.id,
    name: r.collection.name,
    description: r.collection.description,
    teams: r.collection.teamIds,
    itemCount: r.count,
    updatedAt: r.collection.updatedAt.toISOString(),
  }));
}

export async function getCollection(db: Db, user: SessionUser, id: string) {
  const [collection] = await db
    .select()
    .from(collections)
    .where(and(eq(collections.id, id), visibleCollectionsWhere(user)));
  if (!collection) throw new AppError("NOT_FOUND", `No collection with id ${id}`);
  const items = await db
    .select({ asset: assets, version: { id: assetVersions.id, thumbnailKey: assetVersions.thumbnailKey } })
    .from(collectionItems)
    .innerJoin(assets, eq(assets.id, collectionItems.assetId))
    .leftJoin(assetVersions, eq(assetVersions.id, assets.currentVersionId))
    .where(and(eq(collectionItems.collectionId, id), visibleAssetsWhere(user)))
    .orderBy(asc(collectionItems.position));
  return {
    id: collection.id,
    name: collection.name,
    description: collection.description,
    teams: collection.teamIds,
    items: items.map((i) => fromRow(i.asset, i.version)),
  };
}

export async function saveCollection(db: Db, actor: SessionUser, input: CollectionSaveInput) {
  const values = {
    name: input.name,
    description: input.description,
    teamIds: input.teams,
    updatedAt: new Date(),
  };
  const [row] = input.id
    ? await db.update(collections).set(values).where(eq(collections.id, input.id)).returning()
    : await db
        .insert(collections)
        .values({ ...values, ownerId: actor.id })
        .returning();
  if (!row) throw new AppError("NOT_FOUND", `No collection with id ${input.id}`);
  await writeAudit(db, actor.id, input.id ? "collection.update" : "collection.create", "collection", row.id, {
    name: row.name,
  });
  return { id: row.id };
}

/** The whole ordered list at once: what a drag-to-reorder sends. */
export async function setCollectionItems(db: Db, actor: SessionUser, id: string, assetIds: string[]) {
  const unique = [...new Set(assetIds)];
  await db.transaction(async (tx) => {
    const [collection] = await tx
      .select({ id: collections.id })
      .from(collections)
      .where(eq(collections.id, id));
    if (!collection) throw new AppError("NOT_FOUND", `No collection with id ${id}`);
    if (unique.length > 0) {
      const found = await tx.select({ id: assets.id }).from(assets).where(inArray(assets.id, unique));
      const missing = unique.find((a) => !found.some((f) => f.id === a));
      if (missing) throw new AppError("BAD_REQUEST", `assetIds: no asset with id ${missing}`);
    }
    await tx.delete(collectionItems).where(eq(collectionItems.collectionId, id));
    if (unique.length > 0) {
      await tx
        .insert(collectionItems)
        .values(unique.map((assetId, position) => ({ collectionId: id, assetId, position })));
    }
    await tx.update(collections).set({ updatedAt: new Date() }).where(eq(collections.id, id));
    await writeAudit(tx, actor.id, "collection.items", "collection", id, { count: unique.length });
  });
}

export async function deleteCollection(db: Db, actor: SessionUser, id: string) {
  const deleted = await db
    .delete(collections)
    .where(eq(collections.id, id))
    .returning({ id: collections.id });
  if (deleted.length === 0) throw new AppError("NOT_FOUND", `No collection with id ${id}`);
  await writeAudit(db, actor.id, "collection.delete", "collection", id, {});
}
