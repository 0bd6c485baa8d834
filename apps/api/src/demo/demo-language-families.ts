import { inArray } from "drizzle-orm";
import { linkLanguageVersion } from "../assets/language-families";
import type { Db } from "../db/client";
import { assets } from "../db/schema";
import type { SessionUser } from "../identity/users-service";

/** The demo library's translated pairs: the Japanese asset is a language version of the English one. */
export const demoLanguagePairs: [english: string, japanese: string][] = [
  ["bc-acme-en", "bc-acme-ja"],
  ["bc-globex-en", "bc-globex-ja"],
  ["bc-initech-en", "bc-initech-ja"],
  ["og-price-en", "og-price-ja"],
  ["og-security-en", "og-security-ja"],
  ["og-integration-en", "og-integration-ja"],
  ["op-platform-overview", "op-overview-ja"],
  ["video-product-demo", "video-demo-ja"],
];

/**
 * Links the demo's translated pairs as language versions, as `actor` (audited like any link);
 * pairs already linked, or missing from the library, are left alone. Returns how many it linked.
 */
export async function linkDemoLanguageVersions(db: Db, actor: SessionUser): Promise<number> {
  const rows = await db
    .select({ id: assets.id, externalId: assets.externalId, familyId: assets.familyId })
    .from(assets)
    .where(inArray(assets.externalId, demoLanguagePairs.flat()));
  const byExternalId = new Map(rows.map((r) => [r.externalId, r]));
  let linked = 0;
  for (const [en, ja] of demoLanguagePairs) {
    const english = byExternalId.get(en);
    const japanese = byExternalId.get(ja);
    if (!english || !japanese || japanese.familyId) continue;
    await linkLanguageVersion(db, actor, japanese.id, english.id);
    linked += 1;
  }
  return linked;
}
