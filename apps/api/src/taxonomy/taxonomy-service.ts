import type { TaxonomyKind, TaxonomyTerm } from "@pitchside/shared";
import { and, asc, eq, sql } from "drizzle-orm";
import { writeAudit } from "../audit";
import { changeAndNotify, forgetOnChange, hearsChanges } from "../cluster/change-notices";
import type { ClusterBus } from "../cluster/cluster-bus";
import type { Db } from "../db/client";
import { markForIndexing } from "../db/outbox";
import { assets, taxonomyTerms } from "../db/schema";
import { AppError } from "../errors";
import { ShortCache } from "../short-cache";

export async function listTaxonomy(db: Db, kind?: TaxonomyKind): Promise<TaxonomyTerm[]> {
  const rows = await db
    .select()
    .from(taxonomyTerms)
    .where(kind ? eq(taxonomyTerms.kind, kind) : sql`true`)
    .orderBy(asc(taxonomyTerms.kind), asc(taxonomyTerms.sortOrder), asc(taxonomyTerms.key));
  return rows.map((r) => ({
    kind: r.kind,
    key: r.key,
    label: { en: r.labelEn, ja: r.labelJa },
    order: r.sortOrder,
    patterns: r.patterns,
  }));
}

const taxonomyCache = new ShortCache<TaxonomyTerm[]>(5_000, () => true, 10_000, hearsChanges);
forgetOnChange((db, notice) => {
  if (notice?.kind !== "user") taxonomyCache.clear(db);
});

/** The whole taxonomy, read on every suggestion: cached (see ShortCache), dropped on every change in any process. */
export function cachedTaxonomy(db: Db): Promise<TaxonomyTerm[]> {
  return taxonomyCache.get(db, "all", () => listTaxonomy(db));
}

const assetColumn = {
  stage: assets.stages,
  persona: assets.personas,
  industry: assets.industries,
  competitor: assets.competitors,
  objection: assets.objections,
} as const;

/** Assets carrying a term are reindexed: their labels and aliases are searchable. */
async function reindexAssetsWith(db: Db, kind: TaxonomyKind, key: string) {
  const rows = await db.select({ id: assets.id }).from(assets).where(sql`${key} = any(${assetColumn[kind]})`);
  await markForIndexing(
    db,
    rows.map((r) => r.id),
  );
}

export async function upsertTerms(
  db: Db,
  bus: ClusterBus,
  actorId: string | null,
  terms: TaxonomyTerm[],
): Promise<void> {
  if (terms.length === 0) return;
  await changeAndNotify(db, bus, [{ kind: "taxonomy" }], async (tx) => {
    await tx
      .insert(taxonomyTerms)
      .values(
        terms.map((t) => ({
          kind: t.kind,
          key: t.key,
          labelEn: t.label.en,
          labelJa: t.label.ja,
          sortOrder: t.order,
          patterns: t.patterns,
        })),
      )
      .onConflictDoUpdate({
        target: [taxonomyTerms.kind, taxonomyTerms.key],
        set: {
          labelEn: sql`excluded.label_en`,
          labelJa: sql`excluded.label_ja`,
          sortOrder: sql`excluded.sort_order`,
          patterns: sql`excluded.patterns`,
          updatedAt: sql`now()`,
        },
      });
    for (const t of terms) await reindexAssetsWith(tx, t.kind, t.key);
    if (actorId) {
      await writeAudit(tx, actorId, "taxonomy.upsert", "taxonomy", null, {
        terms: terms.map((t) => `${t.kind}:${t.key}`),
      });
    }
  });
}

export async function deleteTerm(
  db: Db,
  bus: ClusterBus,
  actorId: string,
  kind: TaxonomyKind,
  key: string,
): Promise<void> {
  const [inUse] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assets)
    .where(sql`${key} = any(${assetColumn[kind]})`);
  if ((inUse?.n ?? 0) > 0) {
    throw new AppError(
      "CONFLICT",
      `${kind} "${key}" is used by ${inUse?.n} assets; remove it from them first`,
    );
  }
  await changeAndNotify(db, bus, [{ kind: "taxonomy" }], async (tx) => {
    const deleted = await tx
      .delete(taxonomyTerms)
      .where(and(eq(taxonomyTerms.kind, kind), eq(taxonomyTerms.key, key)))
      .returning({ key: taxonomyTerms.key });
    if (deleted.length === 0) throw new AppError("NOT_FOUND", `No ${kind} with key ${key}`);
    await writeAudit(tx, actorId, "taxonomy.delete", "taxonomy", `${kind}:${key}`, {});
  });
}
