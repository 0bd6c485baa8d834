import { CsvError, parse } from "csv-parse/sync";
import { TransactionRollbackError } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import type { SessionUser } from "../identity/users-service";
import { type DealContactInput, type DealRecord, dealRecordSchema } from "./deal-input";
import { type SyncResult, syncDeals } from "./deal-sync";

export const dealCsvFields = [
  "externalId",
  "name",
  "accountName",
  "accountDomain",
  "industry",
  "stage",
  "amount",
  "currency",
  "status",
  "closedAt",
  "ownerEmail",
  "contacts",
  "contactEmail",
  "contactName",
  "contactTitle",
  "ignore",
] as const;
export type DealCsvField = (typeof dealCsvFields)[number];

/** A mapping names CSV columns; no export has more. */
export const MAX_MAPPED_COLUMNS = 200;

/** deals.importCsv: the file's text, which column holds which field, and whether to roll back. */
export const dealCsvImportInputSchema = z.object({
  csv: z.string().min(1, "the file is empty").max(20_000_000, "larger than 20 MB; split the file"),
  mapping: z
    .record(z.string().max(200), z.enum(dealCsvFields))
    .refine((m) => Object.keys(m).length <= MAX_MAPPED_COLUMNS, `at most ${MAX_MAPPED_COLUMNS} columns`)
    .optional(),
  dryRun: z.boolean().default(false),
});
export type DealCsvImportInput = z.infer<typeof dealCsvImportInputSchema>;

export const MAX_CSV_ROWS = 50_000;

/** Header names as CRMs export them, lower-cased with everything but letters and digits dropped. */
const headerAliases: Record<string, DealCsvField> = {
  externalid: "externalId",
  id: "externalId",
  dealid: "externalId",
  opportunityid: "externalId",
  recordid: "externalId",
  crmid: "externalId",
  name: "name",
  dealname: "name",
  opportunityname: "name",
  opportunity: "name",
  deal: "name",
  account: "accountName",
  accountname: "accountName",
  company: "accountName",
  companyname: "accountName",
  organization: "accountName",
  domain: "accountDomain",
  accountdomain: "accountDomain",
  companydomain: "accountDomain",
  companydomainname: "accountDomain",
  website: "accountDomain",
  industry: "industry",
  stage: "stage",
  dealstage: "stage",
  salesstage: "stage",
  amount: "amount",
  value: "amount",
  dealamount: "amount",
  dealvalue: "amount",
  currency: "currency",
  currencycode: "currency",
  currencyisocode: "currency",
  status: "status",
  dealstatus: "status",
  closedat: "closedAt",
  closedate: "closedAt",
  closeddate: "closedAt",
  closedon: "closedAt",
  owner: "ownerEmail",
  owneremail: "ownerEmail",
  dealowner: "ownerEmail",
  dealowneremail: "ownerEmail",
  contacts: "contacts",
  contactemail: "contactEmail",
  email: "contactEmail",
  contactname: "contactName",
  contacttitle: "contactTitle",
  title: "contactTitle",
  jobtitle: "contactTitle",
};

const squash = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

export interface CsvRowError {
  line: number;
  column?: string;
  message: string;
}

export interface DealImportResult {
  dryRun: boolean;
  ok: boolean;
  /** Data rows read (the header not counted). */
  rows: number;
  deals: number;
  created: number;
  updated: number;
  unchanged: number;
  columns: { header: string; field: DealCsvField | null }[];
  errors: CsvRowError[];
  warnings: (CsvRowError & { externalId: string })[];
}

const scalarFields = [
  "externalId",
  "name",
  "accountName",
  "accountDomain",
  "industry",
  "stage",
  "amount",
  "currency",
  "status",
  "closedAt",
  "ownerEmail",
] as const;
type ScalarField = (typeof scalarFields)[number];

/** "Ana Ito <ana@acme.jp>; bo@acme.jp" → contacts. */
function parseContactList(cell: string): DealContactInput[] {
  return cell
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const angled = /^(.*?)\s*<([^>]+)>$/.exec(part);
      return angled
        ? { email: (angled[2] ?? "").trim(), name: (angled[1] ?? "").replace(/^"|"$/g, "").trim(), title: "" }
        : { email: part, name: "", title: "" };
    });
}

/** CRMs say "Closed Won"; we say won. */
function csvStatus(value: string): string {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  if (v === "closed won") return "won";
  if (v === "closed lost") return "lost";
  return v;
}

interface ParsedRow {
  line: number;
  record: DealRecord;
  /** The fields the row's own cells gave (the rest are defaults). */
  present: Set<ScalarField>;
}

function emptyResult(dryRun: boolean, columns: DealImportResult["columns"] = []): DealImportResult {
  return {
    dryRun,
    ok: false,
    rows: 0,
    deals: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    columns,
    errors: [],
    warnings: [],
  };
}

/** Reads and checks every row; nothing touches the database here. */
export function parseDealsCsv(
  csv: string,
  mapping: Record<string, DealCsvField> = {},
): { rows: ParsedRow[]; total: number; columns: DealImportResult["columns"]; errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      return {
        rows: [],
        total: 0,
        columns: [],
        errors: [{ line, message: `not valid CSV: ${err.message}` }],
      };
    }
    throw err;
  }
  const [header, ...body] = records;
  if (!header)
    return { rows: [], total: 0, columns: [], errors: [{ line: 1, message: "the file is empty" }] };
  const total = body.length;
  if (total > MAX_CSV_ROWS) {
    return {
      rows: [],
      total,
      columns: [],
      errors: [{ line: 1, message: `more than ${MAX_CSV_ROWS} rows; split the file` }],
    };
  }

  const headers = header.record;
  const given = new Map(
    Object.entries(mapping).map(([column, field]) => [column.trim().toLowerCase(), { column, field }]),
  );
  for (const { column, field } of given.values()) {
    if (!headers.some((h) => h.toLowerCase() === column.trim().toLowerCase())) {
      errors.push({
        line: 1,
        column,
        message: `mapping: no column named "${column}" (columns: ${headers.join(", ")})`,
      });
    }
    if (!(dealCsvFields as readonly string[]).includes(field)) {
      errors.push({
        line: 1,
        column,
        message: `mapping: unknown field "${field}" (fields: ${dealCsvFields.join(", ")})`,
      });
    }
  }
  const columns = headers.map((h) => ({
    header: h,
    field: given.get(h.toLowerCase())?.field ?? headerAliases[squash(h)] ?? null,
  }));
  const columnOf = new Map<DealCsvField, string>();
  for (const c of columns) {
    if (!c.field || c.field === "ignore") continue;
    const other = columnOf.get(c.field);
    if (other)
      errors.push({
        line: 1,
        column: c.header,
        message: `both "${other}" and "${c.header}" map to ${c.field}`,
      });
    columnOf.set(c.field, c.header);
  }
  for (const required of ["externalId", "name", "stage"] as const) {
    if (!columnOf.has(required)) {
      errors.push({
        line: 1,
        message: `no column for ${required}; name one with a mapping such as "Opportunity ID=${required}"`,
      });
    }
  }
  if (errors.length > 0) return { rows: [], total, columns, errors };

  const rows: ParsedRow[] = [];
  const firstRawById = new Map<string, Partial<Record<ScalarField, string>>>();
  let previousEnd = header.info.lines;
  let previousEmpty = header.info.empty_lines;
  for (const { record: cells, info } of body) {
    // the line the row starts on, as a spreadsheet shows it (skipped blank lines counted)
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (cells.length > headers.length) {
      errors.push({ line, message: `has ${cells.length} cells; the header has ${headers.length}` });
      continue;
    }
    const raw: Partial<Record<ScalarField, string>> & { contacts: DealContactInput[] } = { contacts: [] };
    const single = { email: "", name: "", title: "" };
    columns.forEach((c, i) => {
      const value = cells[i] ?? "";
      if (!c.field || c.field === "ignore" || value === "") return;
      if (c.field === "contacts") raw.contacts.push(...parseContactList(value));
      else if (c.field === "contactEmail") single.email = value;
      else if (c.field === "contactName") single.name = value;
      else if (c.field === "contactTitle") single.title = value;
      else raw[c.field] = c.field === "status" ? csvStatus(value) : value;
    });
    if (single.email) raw.contacts.push(single);
    else if (single.name || single.title) {
      errors.push({
        line,
        column: columnOf.get("contactEmail"),
        message: "a contact needs an email address",
      });
    }
    // a row repeating an external id (one row per contact) may leave the deal's cells blank
    const present = new Set(scalarFields.filter((f) => raw[f] !== undefined));
    const firstRaw = raw.externalId ? firstRawById.get(raw.externalId) : undefined;
    if (firstRaw) {
      for (const f of scalarFields)
        if (raw[f] === undefined && firstRaw[f] !== undefined) raw[f] = firstRaw[f];
    } else if (raw.externalId) firstRawById.set(raw.externalId, { ...raw });
    const parsed = dealRecordSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        const column =
          field === "contacts"
            ? (columnOf.get("contacts") ?? columnOf.get("contactEmail"))
            : columnOf.get(field as DealCsvField);
        errors.push({ line, ...(column ? { column } : {}), message: `${column ?? field}: ${issue.message}` });
      }
      continue;
    }
    rows.push({ line, record: parsed.data, present });
  }
  return { rows, total, columns, errors };
}

/** Rows repeating an external id add contacts (one row per contact, as CRMs export); they may not disagree. */
function mergeRows(rows: ParsedRow[], errors: CsvRowError[], columnOf: (f: string) => string | undefined) {
  const merged = new Map<string, ParsedRow>();
  for (const row of rows) {
    const first = merged.get(row.record.externalId);
    if (!first) {
      merged.set(row.record.externalId, {
        ...row,
        record: { ...row.record, contacts: [...row.record.contacts] },
      });
      continue;
    }
    for (const field of row.present) {
      const a = first.record[field];
      const b = row.record[field];
      const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
      if (!same) {
        errors.push({
          line: row.line,
          column: columnOf(field),
          message: `${field} "${String(b instanceof Date ? b.toISOString() : b)}" disagrees with line ${first.line} for the same externalId ${row.record.externalId}`,
        });
      }
    }
    first.record.contacts.push(...row.record.contacts);
  }
  return [...merged.values()];
}

/**
 * Imports deals from CSV in one transaction: any row error and nothing is
 * written. A dry run does the whole import and rolls it back, so its counts
 * are exactly what a real run would do.
 */
export async function importDealsCsv(
  db: Db,
  actor: SessionUser,
  input: DealCsvImportInput,
): Promise<DealImportResult> {
  const { rows, total, columns, errors } = parseDealsCsv(input.csv, input.mapping);
  const result = { ...emptyResult(input.dryRun, columns), rows: total };
  const columnOf = (field: string) => columns.find((c) => c.field === field)?.header;
  const deals = errors.length === 0 ? mergeRows(rows, errors, columnOf) : [];
  if (errors.length > 0) {
    result.errors = errors.sort((a, b) => a.line - b.line);
    return result;
  }
  let sync: SyncResult | undefined;
  try {
    await db.transaction(async (tx) => {
      sync = await syncDeals(
        tx,
        deals.map((d) => d.record),
        "csv",
      );
      if (input.dryRun) tx.rollback();
      await writeAudit(tx, actor.id, "deal.import", "deal", null, {
        rows: total,
        created: sync.created,
        updated: sync.updated,
      });
    });
  } catch (err) {
    if (!(input.dryRun && err instanceof TransactionRollbackError)) throw err;
  }
  if (!sync) throw new Error("the import produced no result");
  const lineOf = new Map(deals.map((d) => [d.record.externalId, d.line]));
  return {
    ...result,
    ok: true,
    deals: deals.length,
    created: sync.created,
    updated: sync.updated,
    unchanged: sync.unchanged,
    warnings: sync.warnings.map((w) => ({
      line: lineOf.get(w.externalId) ?? 0,
      externalId: w.externalId,
      ...(columnOf(w.field) ? { column: columnOf(w.field) } : {}),
      message: `${w.field}: ${w.message}`,
    })),
  };
}
