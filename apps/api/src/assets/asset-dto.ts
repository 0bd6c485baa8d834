import type { assets, assetVersions } from "../db/schema";
import type { AssetDocument } from "../search/asset-documents";
import { readableRendition } from "./original-access";
import { type FileKind, isPresentationKind } from "./processing/detect-type";

type AssetRow = typeof assets.$inferSelect;
type VersionRow = typeof assetVersions.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const thumbnailUrl = (version: Pick<VersionRow, "id" | "thumbnailKey"> | null | undefined) =>
  version?.thumbnailKey ? `/api/files/${version.id}/thumbnail` : null;

export const pageUnitOf = (kind: FileKind | null): "page" | "slide" =>
  kind && isPresentationKind(kind) ? "slide" : "page";

/** The fields a card takes as they are, under the same name in a row and in a search document. */
export const cardFields = [
  "id",
  "externalId",
  "title",
  "summary",
  "type",
  "status",
  "audience",
  "source",
  "language",
  "url",
  // the tags
  ...(["stages", "personas", "industries", "competitors", "objections", "tags"] as const),
  "currentVersionId",
] as const satisfies readonly (keyof AssetRow & keyof AssetDocument)[];
type CardFields = Pick<AssetRow, (typeof cardFields)[number]>;

/**
 * An asset in a list (search hits, suggestions, collections): one shape whether it came from the
 * database or from the search index.
 */
export type AssetCard = CardFields & {
  thumbnailUrl: string | null;
  updatedAt: string;
};

function pickCardFields(source: CardFields): CardFields {
  // each key copied from a value of its own type
  return Object.fromEntries(cardFields.map((field) => [field, source[field]])) as CardFields;
}

/** A card from the database: the asset and its current version. */
export function fromRow(
  row: AssetRow,
  current: Pick<VersionRow, "id" | "thumbnailKey"> | null | undefined,
): AssetCard {
  return {
    ...pickCardFields(row),
    thumbnailUrl: thumbnailUrl(current),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A card from a search document; `status` from the database where the index may lag behind it. */
export function fromDocument(doc: AssetDocument, status: AssetRow["status"] = doc.status): AssetCard {
  return { ...pickCardFields(doc), status, thumbnailUrl: doc.thumbnailUrl, updatedAt: doc.updatedAt };
}

/** An asset as every client sees it: plain JSON, dates as ISO strings. */
export function toAssetDto(
  row: AssetRow,
  current: Pick<VersionRow, "id" | "thumbnailKey"> | null | undefined,
) {
  return {
    id: row.id,
    externalId: row.externalId,
    title: row.title,
    summary: row.summary,
    type: row.type,
    status: row.status,
    audience: row.audience,
    source: row.source,
    language: row.language,
    url: row.url,
    stages: row.stages,
    personas: row.personas,
    industries: row.industries,
    competitors: row.competitors,
    objections: row.objections,
    tags: row.tags,
    teams: row.teamIds,
    ownerId: row.ownerId,
    expiresAt: iso(row.expiresAt),
    currentVersionId: row.currentVersionId,
    /** A newer version waiting for review (marketers only see it). */
    pendingVersionId: row.pendingVersionId,
    thumbnailUrl: thumbnailUrl(current),
    submittedBy: row.submittedBy,
    submittedAt: iso(row.submittedAt),
    publishedBy: row.publishedBy,
    publishedAt: iso(row.publishedAt),
    archivedBy: row.archivedBy,
    archivedAt: iso(row.archivedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type AssetDto = ReturnType<typeof toAssetDto>;

export function toVersionDto(v: VersionRow) {
  return {
    id: v.id,
    number: v.number,
    fileName: v.fileName,
    mimeType: v.mimeType,
    size: v.size,
    sha256: v.sha256,
    pageCount: v.pageCount,
    processingState: v.processingState,
    processingError: v.processingError,
    thumbnailUrl: thumbnailUrl(v),
    /** The original; null where the caller may not have it (an Office file, for a rep). */
    downloadUrl: v.fileKey ? `/api/files/${v.id}` : null,
    renditionState: v.renditionState,
    renditionError: v.renditionError,
    /** The PDF every page view reads (a PDF's own file, or an Office file's conversion). */
    renditionUrl: readableRendition(v) ? `/api/files/${v.id}/rendition` : null,
    /** What a page of it is called: a presentation has slides. */
    pageUnit: pageUnitOf(v.kind),
    changeNote: v.changeNote,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
  };
}
export type VersionDto = ReturnType<typeof toVersionDto>;
