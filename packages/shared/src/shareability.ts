import type { AssetStatus, Audience } from "./taxonomy";

/** Why an asset may not leave (or may no longer be read by a prospect): null when it may. */
export type NotShareable = "internal" | "draft" | "in_review" | "archived" | "expired";

/** The one rule the API enforces (`shares.create`, rooms, the viewer) and the portal explains before asking. */
export function whyNotShareable(
  asset: { status: AssetStatus; audience: Audience; expiresAt: Date | string | null },
  now = new Date(),
): NotShareable | null {
  if (asset.audience === "internal") return "internal";
  if (asset.status !== "published") return asset.status;
  if (asset.expiresAt && new Date(asset.expiresAt) <= now) return "expired";
  return null;
}
