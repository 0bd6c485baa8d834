import { z } from "zod";
import { AppError } from "../errors";
import { ImportError, type ImportProgress, type ImportSummary, importLibrary } from "./import-library";

const BAR_WIDTH = 24;

/** `[#####-----] 12/30 bc-acme` redrawn in place on a terminal; one plain line per asset otherwise (CI logs, pipes). */
export function progressPrinter(stream: Pick<NodeJS.WriteStream, "write" | "isTTY" | "columns">) {
  return (p: ImportProgress) => {
    if (!stream.isTTY) {
      stream.write(
        `${p.done}/${p.total} ${p.externalId} ${p.outcome.replace("_", " ")}${p.reason ? `: ${p.reason}` : ""}\n`,
      );
      return;
    }
    const filled = p.total === 0 ? BAR_WIDTH : Math.round((BAR_WIDTH * p.done) / p.total);
    const line = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${p.done}/${p.total} ${p.externalId}`;
    stream.write(
      `\r\x1b[2K${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}${p.done === p.total ? "\n" : ""}`,
    );
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatSummary(s: ImportSummary): string {
  const total = s.created + s.updated + s.newVersions + s.unchanged + s.failed.length;
  const counts = [
    `${s.created} created`,
    `${s.updated} updated`,
    plural(s.newVersions, "new version"),
    `${s.unchanged} unchanged`,
    `${s.failed.length} failed`,
  ].join(", ");
  const lines = [
    `${plural(total, "asset")}: ${counts}; ${plural(s.taxonomyTerms, "taxonomy term")} written.`,
  ];
  if (s.failed.length > 0) {
    const width = Math.min(40, Math.max(...s.failed.map((f) => f.externalId.length)));
    lines.push(
      "",
      `Failed (${s.failed.length}):`,
      ...s.failed.map((f) => `  ${f.externalId.padEnd(width)}  ${f.reason}`),
    );
  }
  return lines.join("\n");
}

const inputSchema = z.object({
  dir: z.string({ error: "give the library folder: import-library <dir>" }).min(1),
  url: z.url({
    protocol: /^https?$/,
    error: "--url: the server's http(s) address, e.g. http://127.0.0.1:3000",
  }),
  token: z.string({ error: "--token: a marketer's or admin's API token" }).min(1),
});

/** `pnpm cli import-library <dir> --url <server> --token <token>`: exits 1 when any asset failed. */
export const importLibraryCommand = {
  summary: "Import a library folder (library.json + files) into a running server",
  usage: "import-library <dir> --url <server> --token <token>",
  options: { url: { type: "string" as const }, token: { type: "string" as const } },
  run: async (values: Record<string, unknown>, positionals: string[]): Promise<string> => {
    const parsed = inputSchema.safeParse({ ...values, dir: positionals[0] });
    if (!parsed.success)
      throw new AppError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "invalid arguments");
    if (positionals.length > 1)
      throw new AppError("BAD_REQUEST", `one library folder at a time, got ${positionals.length}`);
    let summary: ImportSummary;
    try {
      summary = await importLibrary({ ...parsed.data, onProgress: progressPrinter(process.stderr) });
    } catch (err) {
      if (err instanceof ImportError) throw new AppError("BAD_REQUEST", err.message);
      throw err;
    }
    // runCli turns an AppError into exit code 1; the summary is the message.
    if (summary.failed.length > 0) throw new AppError("BAD_REQUEST", formatSummary(summary));
    return formatSummary(summary);
  },
};
