import type { assetVersions } from "../db/schema";
import type { SessionUser } from "../identity/users-service";
import { isOfficeKind } from "./processing/detect-type";
import { seesEverything } from "./visibility";

type Version = Pick<typeof assetVersions.$inferSelect, "kind" | "renditionState">;

/**
 * The stored PDF that page views read, or null while there is none: a
 * rendition once made, or a PDF's own file straight away (its pictures may
 * still be on their way).
 */
export function readableRendition(
  version: Pick<typeof assetVersions.$inferSelect, "fileKey" | "renditionKey" | "renditionState">,
): string | null {
  if (!version.renditionKey) return null;
  if (version.renditionState === "ready") return version.renditionKey;
  return version.renditionState === "pending" && version.renditionKey === version.fileKey
    ? version.renditionKey
    : null;
}

/**
 * Whether the original must stand in for a rendition: an Office file whose
 * PDF will not come (no LibreOffice on the server, or a conversion that
 * failed) is read from its original by whoever may read it at all.
 */
export const originalIsTheOnlyCopy = (version: Version) =>
  version.renditionState === "unavailable" || version.renditionState === "failed";

/**
 * Originals of Office files (speaker notes, hidden slides, tracked changes)
 * are for marketers and admins; everyone else reads the PDF rendition. A PDF,
 * an image, a video or a text is its own rendition.
 */
export function mayDownloadOriginal(user: SessionUser, version: Version): boolean {
  return (
    seesEverything(user) || !(version.kind && isOfficeKind(version.kind)) || originalIsTheOnlyCopy(version)
  );
}
