import type { AssetDetail, AssetVersion } from "./library-types";

/**
 * How the asset page shows a version: its PDF rendition's pages (PDFs and Office files alike),
 * a note while those pages are made, an image, a video, rendered Markdown, where a link goes,
 * or its card ("none": no rendition, or none could be made).
 */
export type PreviewKind = "pages" | "preparing" | "image" | "video" | "markdown" | "link" | "none";

/** A MIME type without its parameters: "text/markdown; charset=utf-8" is "text/markdown". */
export const mimeEssence = (mime: string) => (mime.split(";")[0] ?? "").trim().toLowerCase();

export function previewKind(
  asset: Pick<AssetDetail, "source" | "url">,
  version: Pick<AssetVersion, "mimeType" | "renditionState" | "renditionUrl"> | null | undefined,
): PreviewKind {
  if (asset.source === "link" && asset.url) return "link";
  if (!version) return "none";
  if (version.renditionUrl) return "pages";
  if (version.renditionState === "pending") return "preparing";
  const mime = mimeEssence(version.mimeType ?? "");
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("video/")) return "video";
  if (mime === "text/markdown" || asset.source === "markdown") return "markdown";
  return "none";
}
