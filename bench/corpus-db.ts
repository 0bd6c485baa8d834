import { randomUUID } from "node:crypto";
import { assets, assetVersions, type Db, searchOutbox } from "@pitchside/api/testing";
import { generateAsset } from "./corpus";

/**
 * Stores generated assets [from, to) the way the app stores them — the asset row, a processed
 * version holding the extracted text, an outbox row — in batches of 1,000, and returns their ids.
 * The real indexer then takes them from the outbox. About one asset in ten is linked with one in
 * the other language as language versions of one family, as translated content is.
 */
export async function insertCorpus(db: Db, from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = from; start < to; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, to - start) }, (_, k) => ({
      ...generateAsset(start + k),
      id: randomUUID(),
      versionId: randomUUID(),
      familyId: null as string | null,
    }));
    const english = batch.filter((a) => a.language === "en");
    const japanese = batch.filter((a) => a.language === "ja");
    for (let k = 0; k < Math.min(english.length, japanese.length, Math.round(batch.length / 20)); k += 1) {
      const familyId = randomUUID();
      const [en, ja] = [english[k], japanese[k]];
      if (en && ja) [en.familyId, ja.familyId] = [familyId, familyId];
    }
    await db.insert(assets).values(
      batch.map((a) => ({
        id: a.id,
        currentVersionId: a.versionId,
        title: a.title,
        summary: a.summary,
        type: a.type as "other",
        status: "published" as const,
        source: "file" as const,
        language: a.language,
        familyId: a.familyId,
        stages: a.stages,
        personas: a.personas,
        industries: a.industries,
        competitors: a.competitors,
        objections: a.objections,
        tags: a.tags,
      })),
    );
    await db.insert(assetVersions).values(
      batch.map((a) => ({
        id: a.versionId,
        assetId: a.id,
        number: 1,
        processingState: "ready" as const,
        textContent: a.body,
      })),
    );
    await db.insert(searchOutbox).values(batch.map((a) => ({ assetId: a.id })));
    ids.push(...batch.map((a) => a.id));
  }
  return ids;
}
