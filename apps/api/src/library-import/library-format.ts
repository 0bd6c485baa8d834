import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TaxonomyKind, TaxonomyTerm } from "@pitchside/shared";
import {
  assetMetaSchema,
  assetStatusSchema,
  bilingualLabelSchema,
  taxonomyKeySchema,
} from "@pitchside/shared/schemas";
import { type ZodError, z } from "zod";

/** The file a library folder is described by. */
export const LIBRARY_FILE = "library.json";

/** library.json (or the folder) cannot be used at all: nothing is imported. */
export class LibraryFormatError extends Error {
  override name = "LibraryFormatError";
}

const order = z.number().int().min(0).max(10_000).optional();
const patterns = z.array(z.string().trim().min(1).max(200)).max(100).default([]);
const plainTerm = { key: taxonomyKeySchema, label: bilingualLabelSchema, order };

/** Strict objects: a misspelt field ("alias") is an error, not silently dropped. */
const taxonomySchema = z.strictObject({
  stages: z.array(z.strictObject(plainTerm)).max(500).default([]),
  personas: z
    .array(z.strictObject({ ...plainTerm, titlePatterns: patterns }))
    .max(500)
    .default([]),
  industries: z.array(z.strictObject(plainTerm)).max(500).default([]),
  competitors: z
    .array(z.strictObject({ ...plainTerm, aliases: patterns }))
    .max(500)
    .default([]),
  objections: z
    .array(z.strictObject({ ...plainTerm, phrases: patterns }))
    .max(500)
    .default([]),
});
export type LibraryTaxonomy = z.infer<typeof taxonomySchema>;

/** `a/b.pdf` stays inside the folder; `/etc/passwd`, `C:\x`, `../x` and `a/../../x` do not. */
export function staysInside(relative: string): boolean {
  const slashed = relative.replace(/\\/g, "/");
  if (slashed.startsWith("/") || /^[a-zA-Z]:/.test(slashed)) return false;
  const normalized = path.posix.normalize(slashed);
  return normalized !== ".." && !normalized.startsWith("../") && normalized !== ".";
}

const filePath = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine(
    staysInside,
    "must be a relative path inside the library folder (no absolute path, no '..' out of it)",
  );

export const libraryAssetSchema = z
  .strictObject({
    ...assetMetaSchema.shape,
    externalId: z.string().trim().min(1, "is required").max(200),
    status: assetStatusSchema.default("published"),
    file: filePath.optional(),
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional(),
  })
  .superRefine((asset, ctx) => {
    if ((asset.file === undefined) === (asset.url === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: asset.file === undefined ? [] : ["url"],
        message: "give exactly one of `file` (an upload) or `url` (a link asset)",
      });
    }
  });
export type LibraryAsset = z.infer<typeof libraryAssetSchema>;

const libraryFileSchema = z.strictObject({
  taxonomy: taxonomySchema.default({
    stages: [],
    personas: [],
    industries: [],
    competitors: [],
    objections: [],
  }),
  assets: z.array(z.unknown()).max(100_000),
});

/** One entry of `assets`: ready to import, or refused with the reason (the rest still imports). */
export type LibraryEntry =
  | { index: number; externalId: string; ok: true; asset: LibraryAsset }
  | { index: number; externalId: string; ok: false; reason: string };

export interface ParsedLibrary {
  taxonomy: TaxonomyTerm[];
  entries: LibraryEntry[];
}

/** `assets[3].type`, `taxonomy.personas[0].label.ja`. */
export function jsonPath(prefix: string, segments: readonly PropertyKey[]): string {
  let out = prefix;
  for (const s of segments)
    out += typeof s === "number" ? `[${s}]` : out === "" ? String(s) : `.${String(s)}`;
  return out;
}

function firstIssue(error: ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix}: invalid`;
  const where = jsonPath(prefix, issue.path);
  return where === "" ? issue.message : `${where}: ${issue.message}`;
}

type LabelledTerm = {
  key: string;
  label: TaxonomyTerm["label"];
  order?: number | undefined;
  patterns: string[];
};

function termsOf(kind: TaxonomyKind, field: keyof LibraryTaxonomy, list: LabelledTerm[]): TaxonomyTerm[] {
  const seen = new Map<string, number>();
  return list.map((term, i) => {
    const first = seen.get(term.key);
    if (first !== undefined) {
      throw new LibraryFormatError(
        `taxonomy.${field}[${i}].key: "${term.key}" is already defined at taxonomy.${field}[${first}]`,
      );
    }
    seen.set(term.key, i);
    return { kind, key: term.key, label: term.label, order: term.order ?? i + 1, patterns: term.patterns };
  });
}

/** titlePatterns, aliases and phrases are all the term's `patterns` on the server. */
function toTerms(t: LibraryTaxonomy): TaxonomyTerm[] {
  return [
    ...termsOf(
      "stage",
      "stages",
      t.stages.map((s) => ({ ...s, patterns: [] })),
    ),
    ...termsOf(
      "persona",
      "personas",
      t.personas.map(({ titlePatterns, ...p }) => ({ ...p, patterns: titlePatterns })),
    ),
    ...termsOf(
      "industry",
      "industries",
      t.industries.map((s) => ({ ...s, patterns: [] })),
    ),
    ...termsOf(
      "competitor",
      "competitors",
      t.competitors.map(({ aliases, ...c }) => ({ ...c, patterns: aliases })),
    ),
    ...termsOf(
      "objection",
      "objections",
      t.objections.map(({ phrases, ...o }) => ({ ...o, patterns: phrases })),
    ),
  ];
}

const externalIdOf = (raw: unknown, index: number): string => {
  const id =
    typeof raw === "object" && raw !== null ? (raw as { externalId?: unknown }).externalId : undefined;
  return typeof id === "string" && id.trim() !== "" ? id.trim() : `assets[${index}]`;
};

/**
 * Checks a parsed library.json. The overall shape and the taxonomy must be
 * right (else LibraryFormatError); each asset is checked on its own, so one bad
 * entry is reported while the others import.
 */
export function parseLibrary(json: unknown): ParsedLibrary {
  const parsed = libraryFileSchema.safeParse(json);
  if (!parsed.success) throw new LibraryFormatError(firstIssue(parsed.error, ""));
  const taxonomy = toTerms(parsed.data.taxonomy);
  const firstIndexOf = new Map<string, number>();
  const entries = parsed.data.assets.map((raw, index): LibraryEntry => {
    const externalId = externalIdOf(raw, index);
    const result = libraryAssetSchema.safeParse(raw);
    if (!result.success)
      return { index, externalId, ok: false, reason: firstIssue(result.error, `assets[${index}]`) };
    const first = firstIndexOf.get(result.data.externalId);
    if (first !== undefined) {
      return {
        index,
        externalId,
        ok: false,
        reason: `assets[${index}].externalId: "${result.data.externalId}" is already used by assets[${first}]`,
      };
    }
    firstIndexOf.set(result.data.externalId, index);
    return { index, externalId, ok: true, asset: result.data };
  });
  return { taxonomy, entries };
}

/** Reads and checks `<dir>/library.json`. */
export async function readLibrary(dir: string): Promise<ParsedLibrary> {
  const file = path.join(dir, LIBRARY_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LibraryFormatError(
      code === "ENOENT"
        ? `${file}: not found (a library folder holds a ${LIBRARY_FILE})`
        : `${file}: ${(err as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new LibraryFormatError(`${LIBRARY_FILE}: not valid JSON: ${(err as Error).message}`);
  }
  try {
    return parseLibrary(json);
  } catch (err) {
    if (err instanceof LibraryFormatError) throw new LibraryFormatError(`${LIBRARY_FILE}: ${err.message}`);
    throw err;
  }
}
