import type { AssetStatus, Audience } from "@pitchside/shared";

/** Why an asset may not leave, as `shares.create` decides it (apps/api/src/shares/share-rules.ts). */
export type NotShareable = "internal" | "draft" | "in_review" | "archived" | "expired";

export function whyNotShareable(
  asset: { status: AssetStatus; audience: Audience; expiresAt: string | null },
  now = new Date(),
): NotShareable | null {
  if (asset.audience === "internal") return "internal";
  if (asset.status !== "published") return asset.status;
  if (asset.expiresAt && new Date(asset.expiresAt) <= now) return "expired";
  return null;
}
