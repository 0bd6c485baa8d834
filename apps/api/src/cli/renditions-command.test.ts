import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assetMetaSchema } from "@pitchside/shared/schemas";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { libreOffice } from "../../testing/system-tools";
import { makeDocx } from "../../testing/test-files";
import { createAsset } from "../assets/assets-service";
import { openPglite } from "../db/client";
import { localStorage } from "../files/local-storage";
import { versionFileKey } from "../files/storage";
import { runCli } from "./commands";

let dataDir: string;
const saved = { ...process.env };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-cli-renditions-"));
  // the CLI reads its configuration from the environment, as `pnpm cli` does
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    MEILI_URL: inject("meiliUrl"),
    MEILI_MASTER_KEY: inject("meiliKey"),
    LOG_LEVEL: "silent",
  });
  // a workspace with one Word file uploaded while the server had no LibreOffice
  const database = await openPglite(path.join(dataDir, "db"));
  await database.migrate();
  const marketer = await makeUser(database.db, { role: "marketer" });
  const versionId = crypto.randomUUID();
  const data = await makeDocx(["Mutual action plan", "Week one: kickoff"], { pageBreaks: true });
  await localStorage(path.join(dataDir, "files")).putBuffer(versionFileKey(versionId), data);
  await createAsset(database.db, marketer, {
    meta: assetMetaSchema.parse({ title: "Mutual action plan" }),
    source: "file",
    versionId,
    file: {
      key: versionFileKey(versionId),
      fileName: "plan.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      kind: "docx",
      size: data.length,
      sha256: "0".repeat(64),
    },
  });
  await database.close();
});
afterAll(() => {
  process.env = saved;
  rmSync(dataDir, { recursive: true, force: true });
});

describe("pnpm cli renditions", () => {
  it("asks which renditions to make", async () => {
    const { code, out } = await runCli(["renditions"]);
    expect(code).toBe(1);
    expect(out).toMatch(/--missing/);
  });

  it.skipIf(libreOffice.skip)(
    libreOffice.title("without LibreOffice leaves Office files unavailable; with it, makes their pages"),
    { timeout: 90_000 },
    async () => {
      process.env.SOFFICE_PATH = "off";
      const before = await runCli(["renditions", "--missing"]);
      expect(before).toMatchObject({ code: 0 });
      expect(before.out).toMatch(/Renditions now: unavailable 1\./);

      process.env.SOFFICE_PATH = libreOffice.path;
      const after = await runCli(["renditions", "--missing"]);
      expect(after.out).toMatch(/^Queued 1, ran 1 jobs/);
      expect(after.out).toMatch(/Renditions now: ready 1\./);
    },
  );
});
