import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors";
import { type DealCsvField, type DealImportResult, dealCsvFields } from "./deal-csv";

/** "Opportunity ID=externalId,Close Date=closedAt" → a column mapping. */
export function parseMapOption(value: string | undefined): Record<string, DealCsvField> {
  const mapping: Record<string, DealCsvField> = {};
  if (!value) return mapping;
  for (const pair of value.split(",")) {
    if (!pair.trim()) continue;
    const at = pair.lastIndexOf("=");
    const column = pair.slice(0, at).trim();
    const field = pair.slice(at + 1).trim();
    if (at <= 0 || !column || !field)
      throw new AppError("BAD_REQUEST", `--map: "${pair}" is not column=field`);
    if (!(dealCsvFields as readonly string[]).includes(field)) {
      throw new AppError(
        "BAD_REQUEST",
        `--map: unknown field "${field}" (fields: ${dealCsvFields.join(", ")})`,
      );
    }
    mapping[column] = field as DealCsvField;
  }
  return mapping;
}

function report(result: DealImportResult): string {
  const lines = [
    `${result.dryRun ? "Dry run: would import" : "Imported"} ${result.deals} deal(s) from ${result.rows} row(s): ` +
      `${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`,
  ];
  const ignored = result.columns.filter((c) => !c.field || c.field === "ignore").map((c) => c.header);
  if (ignored.length > 0) lines.push(`Ignored columns: ${ignored.join(", ")}`);
  for (const w of result.warnings) lines.push(`  line ${w.line}: warning: ${w.message}`);
  return lines.join("\n");
}

/** `pnpm cli import-deals`: sends a CSV file to a running server's deals.importCsv. */
export const importDealsCommand = {
  summary: "Import deals from a CSV file into a running server (all rows or none)",
  usage: "import-deals <file.csv> --url <server> --token <token> [--dry-run] [--map column=field,...]",
  options: {
    url: { type: "string" as const },
    token: { type: "string" as const },
    "dry-run": { type: "boolean" as const },
    map: { type: "string" as const },
  },
  async run(values: Record<string, unknown>, positionals: string[]): Promise<string> {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new AppError("BAD_REQUEST", "give exactly one CSV file");
    const url = typeof values.url === "string" ? values.url.replace(/\/$/, "") : "";
    const token = typeof values.token === "string" ? values.token : "";
    if (!/^https?:\/\/./.test(url))
      throw new AppError("BAD_REQUEST", "--url: the server's address, such as http://127.0.0.1:3000");
    if (!token)
      throw new AppError(
        "BAD_REQUEST",
        "--token: an API token of an admin or marketer (auth.login with client extension)",
      );
    const mapping = parseMapOption(typeof values.map === "string" ? values.map : undefined);
    // `pnpm cli` runs in apps/api; pnpm names the directory the user typed the command in
    const where = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
    let csv: string;
    try {
      csv = await readFile(where, "utf8");
    } catch (err) {
      throw new AppError(
        "BAD_REQUEST",
        `cannot read ${where}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      );
    }
    let res: Response;
    try {
      res = await fetch(`${url}/trpc/deals.importCsv`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ csv, mapping, dryRun: values["dry-run"] === true }),
      });
    } catch (err) {
      throw new AppError("BAD_REQUEST", `cannot reach ${url}: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => null)) as {
      result?: { data?: DealImportResult };
      error?: { message?: string };
    } | null;
    const result = body?.result?.data;
    if (!res.ok || !result) {
      throw new AppError(
        "BAD_REQUEST",
        `the server refused the import (${res.status}): ${body?.error?.message ?? "no answer"}`,
      );
    }
    if (!result.ok) {
      const errors = result.errors.map(
        (e) => `  line ${e.line}${e.column ? ` (${e.column})` : ""}: ${e.message}`,
      );
      throw new AppError(
        "BAD_REQUEST",
        [`Nothing was imported: ${result.errors.length} error(s).`, ...errors].join("\n"),
      );
    }
    return report(result);
  },
};
