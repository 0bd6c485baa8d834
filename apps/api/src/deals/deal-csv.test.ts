import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { runCli } from "../cli/commands";
import { dealContacts, deals } from "../db/schema";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { parseDealsCsv } from "./deal-csv";

let server: TestServer;
let marketer: string;
let ownerEmail: string;
const dir = mkdtempSync(path.join(tmpdir(), "pitchside-csv-"));

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  const m = await makeUser(db, { role: "marketer" });
  const r = await makeUser(db, { role: "rep" });
  ownerEmail = r.email;
  marketer = await loginToken(server, m.email, m.password);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const dealCount = async () => {
  const [row] = await server.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(deals);
  return row?.n ?? 0;
};
const importCsv = (csv: string, extra: { dryRun?: boolean; mapping?: Record<string, never> } = {}) =>
  server.client({ token: marketer }).deals.importCsv.mutate({ csv, dryRun: false, ...extra });

describe("parsing", () => {
  it("maps common CRM headers by default and reports the line each row starts on", () => {
    const csv = [
      "\uFEFFOpportunity ID,Opportunity Name,Account Name,Website,Stage,Amount,Currency,Close Date,Owner Email,Notes",
      'O-1,"Acme, Inc. renewal",Acme,acme.example,Proposal,100,USD,,,"line one',
      'line two"',
      "",
      "O-2,Beta,Beta,beta.example,Closed Won,200,EUR,2025-03-31,,",
    ].join("\n");
    const parsed = parseDealsCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(parsed.columns.map((c) => c.field)).toEqual([
      "externalId",
      "name",
      "accountName",
      "accountDomain",
      "stage",
      "amount",
      "currency",
      "closedAt",
      "ownerEmail",
      null,
    ]);
    expect(parsed.rows.map((r) => [r.line, r.record.externalId, r.record.stage])).toEqual([
      [2, "O-1", "proposal"],
      [5, "O-2", "closed_won"],
    ]);
    expect(parsed.rows[1]?.record.closedAt?.toISOString()).toBe("2025-03-31T00:00:00.000Z");
  });
});

describe("deals.importCsv", () => {
  it("reports every bad row with its line number and column, and writes nothing", async () => {
    const before = await dealCount();
    const csv = [
      "externalId,name,stage,amount,contact_email,closed_at",
      "C-1,Good one,demo,10,a@c1.example,",
      "C-2,,demo,10,,",
      "C-3,Bad amount,demo,ten,,",
      "C-4,Bad email,demo,10,not-an-email,",
      "C-5,Bad date,demo,10,,31/12/2025",
      "C-6,Too,many,cells,x,y,z",
    ].join("\n");
    const result = await importCsv(csv);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { line: 3, column: "name", message: expect.stringMatching(/^name: /) },
      { line: 4, column: "amount", message: expect.stringMatching(/^amount: /) },
      { line: 5, column: "contact_email", message: expect.stringMatching(/^contact_email: /) },
      { line: 6, column: "closed_at", message: expect.stringMatching(/^closed_at: must be an ISO date/) },
      { line: 7, message: "has 7 cells; the header has 6" },
    ]);
    expect(await dealCount()).toBe(before);
  });

  it("names missing required columns and bad mappings on line 1", async () => {
    const result = await importCsv("Deal,Phase\nx,demo\n");
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/no column for externalId/),
      expect.stringMatching(/no column for stage/),
    ]);
    const mapped = await server.client({ token: marketer }).deals.importCsv.mutate({
      csv: "Ref,Deal,Phase\nM-1,Mapped,demo\n",
      mapping: { Ref: "externalId", Phase: "stage" },
      dryRun: false,
    });
    expect(mapped).toMatchObject({ ok: true, created: 1 });
    const unknownColumn = await server.client({ token: marketer }).deals.importCsv.mutate({
      csv: "Ref,Deal,Phase\nM-1,Mapped,demo\n",
      mapping: { Nope: "externalId" },
      dryRun: false,
    });
    expect(unknownColumn.errors[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/no column named "Nope"/),
    });
  });

  it("does a dry run that counts exactly and writes nothing, then imports all rows in one go", async () => {
    const csv = [
      "External ID,Name,Stage,Amount,Currency,Owner,Contact Email,Contact Name,Contact Title,Status",
      `D-1,Delta,negotiation,1000,JPY,${ownerEmail},kim@delta.example,Kim,CFO,`,
      `D-1,,,,,,lee@delta.example,Lee,CIO,`,
      "D-2,Echo,mystery stage,50,,,,,,",
      "D-3,Foxtrot,closed_won,75,,,,,,won",
    ].join("\n");
    const before = await dealCount();
    const dry = await importCsv(csv, { dryRun: true });
    expect(dry).toMatchObject({ ok: true, dryRun: true, rows: 4, deals: 3, created: 3, updated: 0 });
    expect(dry.warnings).toEqual([
      {
        line: 4,
        externalId: "D-2",
        column: "Stage",
        message: expect.stringMatching(/unknown stage key "mystery_stage"/),
      },
    ]);
    expect(await dealCount()).toBe(before);

    const real = await importCsv(csv);
    expect(real).toMatchObject({ ok: true, dryRun: false, created: 3 });
    expect(await dealCount()).toBe(before + 3);
    const [d1] = await server.deps.database.db.select().from(deals).where(eq(deals.externalId, "D-1"));
    expect(d1).toMatchObject({ name: "Delta", currency: "JPY", stage: "negotiation" });
    expect(d1?.ownerId).not.toBeNull();
    const contacts = await server.deps.database.db
      .select()
      .from(dealContacts)
      .where(eq(dealContacts.dealId, d1?.id ?? ""));
    expect(contacts.map((c) => [c.email, c.title]).sort()).toEqual([
      ["kim@delta.example", "CFO"],
      ["lee@delta.example", "CIO"],
    ]);
    const again = await importCsv(csv);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it("refuses repeated rows that disagree", async () => {
    const result = await importCsv("id,name,stage\nR-1,One,demo\nR-1,One,proposal\n");
    expect(result.errors).toEqual([
      { line: 3, column: "stage", message: expect.stringMatching(/disagrees with line 2/) },
    ]);
  });
});

describe("pnpm cli import-deals", () => {
  it("imports over HTTP, supports --dry-run and --map, and prints errors with line numbers", async () => {
    const file = path.join(dir, "deals.csv");
    writeFileSync(file, "Ref,Title,Phase\nCLI-1,From the CLI,demo\nCLI-2,Second,discovery\n");
    const args = [
      file,
      "--url",
      server.url,
      "--token",
      marketer,
      "--map",
      "Ref=externalId,Title=name,Phase=stage",
    ];
    const dry = await runCli(["import-deals", ...args, "--dry-run"]);
    expect(dry).toEqual({
      code: 0,
      out: expect.stringMatching(/^Dry run: would import 2 deal\(s\) from 2 row\(s\): 2 created/),
    });
    const real = await runCli(["import-deals", ...args]);
    expect(real.code).toBe(0);
    expect(real.out).toMatch(/^Imported 2 deal\(s\)/);

    writeFileSync(file, "Ref,Title,Phase\nCLI-3,Ok,demo\nCLI-4,,demo\n");
    const bad = await runCli(["import-deals", ...args]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/Nothing was imported: 1 error/);
    expect(bad.out).toMatch(/line 3 \(Title\): Title: /);
    const [cli3] = await server.deps.database.db.select().from(deals).where(eq(deals.externalId, "CLI-3"));
    expect(cli3).toBeUndefined();

    const wrongToken = await runCli(["import-deals", file, "--url", server.url, "--token", "psx_nope"]);
    expect(wrongToken).toMatchObject({ code: 1, out: expect.stringMatching(/refused the import \(401\)/) });
    expect(
      (await runCli(["import-deals", file, "--url", server.url, "--token", "x", "--map", "a=b"])).out,
    ).toMatch(/--map: unknown field "b"/);
  });
});
