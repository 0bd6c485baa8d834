import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { runCli } from "../cli/commands";
import type { DemoDocument } from "../demo/library/document-model";
import { renderDocx } from "../demo/library/render-docx";
import { renderPdf } from "../demo/library/render-pdf";
import { renderPptx } from "../demo/library/render-pptx";
import { ImportError, type ImportProgress, importLibrary } from "./import-library";

let server: TestServer;
let marketer: string;
let rep: string;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  const m = await makeUser(db, { role: "marketer" });
  const r = await makeUser(db, { role: "rep" });
  marketer = await loginToken(server, m.email, m.password);
  rep = await loginToken(server, r.email, r.password);
});
afterAll(async () => {
  await server?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "pitchside-import-test-"));
  dirs.push(dir);
  return dir;
};

const doc = (title: string, word: string, language: DemoDocument["language"] = "en"): DemoDocument => ({
  title,
  subtitle: "Test document",
  language,
  blocks: [
    { kind: "heading", text: "Overview" },
    {
      kind: "paragraph",
      text: `This paragraph mentions ${word} so that search can find it after processing.`,
    },
  ],
});

const taxonomy = {
  stages: [
    { key: "discovery", label: { en: "Discovery", ja: "ヒアリング" }, order: 2 },
    { key: "proposal", label: { en: "Proposal", ja: "提案" }, order: 4 },
  ],
  personas: [{ key: "finance", label: { en: "Finance", ja: "財務" }, titlePatterns: ["CFO", "財務"] }],
  competitors: [{ key: "acme", label: { en: "Acme", ja: "アクメ" }, aliases: ["Acme", "アクメ"] }],
  objections: [{ key: "price", label: { en: "Price", ja: "価格" }, phrases: ["too expensive", "高い"] }],
};

type Entry = Record<string, unknown>;

/** A small library: one file of each kind, a draft and a link. Unique words prove the text was extracted. */
async function writeSmallLibrary(dir: string, prefix: string): Promise<Entry[]> {
  await mkdir(path.join(dir, "files"), { recursive: true });
  await writeFile(
    path.join(dir, "files/case.pdf"),
    await renderPdf(doc("Harbor case", `${prefix}zanzibarite`)),
  );
  await writeFile(
    path.join(dir, "files/guide.docx"),
    await renderDocx(doc("Price guide", `${prefix}quillwort`)),
  );
  await writeFile(
    path.join(dir, "files/deck.pptx"),
    await renderPptx({
      title: "Pitch deck",
      subtitle: "Test deck",
      language: "en",
      slides: [
        { title: "Why now", bullets: ["Numbers disagree"], notes: `Tell the ${prefix}xylograph story here.` },
      ],
    }),
  );
  await writeFile(
    path.join(dir, "files/card.md"),
    `# Acme card\n\nAcme is slow; mention ${prefix}marzipanic.\n`,
  );
  const entries: Entry[] = [
    {
      externalId: `${prefix}-case`,
      title: "Harbor case",
      type: "case_study",
      stages: ["discovery"],
      file: "files/case.pdf",
    },
    {
      externalId: `${prefix}-guide`,
      title: "Price guide",
      type: "objection_guide",
      personas: ["finance"],
      objections: ["price"],
      file: "files/guide.docx",
    },
    {
      externalId: `${prefix}-deck`,
      title: "Pitch deck",
      type: "deck",
      language: "en",
      file: "files/deck.pptx",
    },
    {
      externalId: `${prefix}-card`,
      title: "Acme card",
      type: "battle_card",
      competitors: ["acme"],
      status: "draft",
      file: "files/card.md",
    },
    {
      externalId: `${prefix}-video`,
      title: "Demo video",
      type: "video",
      url: "https://videos.example.com/demo",
    },
  ];
  await writeLibraryJson(dir, entries);
  return entries;
}

const writeLibraryJson = (dir: string, assets: Entry[]) =>
  writeFile(path.join(dir, "library.json"), JSON.stringify({ taxonomy, assets }, null, 2));

const api = () => server.client({ token: marketer });
const byExternalId = (externalId: string) => api().assets.byExternalId.query({ externalId });
const assetCount = async () => (await api().assets.list.query({ limit: 1 })).total;
const search = async (q: string) =>
  (await api().search.query.query({ q })).hits.map((h) => h.asset.externalId);

describe("importLibrary", () => {
  let dir: string;
  let entries: Entry[];

  beforeAll(async () => {
    dir = await tempDir();
    entries = await writeSmallLibrary(dir, "t1");
  });

  it("creates the taxonomy and every asset, with its status, and makes the files searchable", async () => {
    const progress: ImportProgress[] = [];
    const before = await assetCount();
    const summary = await importLibrary({
      dir,
      url: server.url,
      token: marketer,
      onProgress: (p) => progress.push(p),
    });
    expect(summary).toEqual({
      created: 5,
      updated: 0,
      newVersions: 0,
      unchanged: 0,
      failed: [],
      taxonomyTerms: 5,
    });
    expect(await assetCount()).toBe(before + 5);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.every((p) => p.total === 5 && p.outcome === "created")).toBe(true);

    const terms = await api().taxonomy.list.query({});
    expect(terms).toContainEqual({
      kind: "competitor",
      key: "acme",
      label: { en: "Acme", ja: "アクメ" },
      order: 1,
      patterns: ["Acme", "アクメ"],
    });
    expect(terms).toContainEqual(
      expect.objectContaining({ kind: "persona", key: "finance", patterns: ["CFO", "財務"] }),
    );

    const guide = await byExternalId("t1-guide");
    expect(guide).toMatchObject({
      title: "Price guide",
      type: "objection_guide",
      status: "published",
      personas: ["finance"],
      objections: ["price"],
    });
    expect((await byExternalId("t1-card"))?.status).toBe("draft");
    expect(await byExternalId("t1-video")).toMatchObject({
      source: "link",
      url: "https://videos.example.com/demo",
      status: "published",
    });

    await server.settle();
    const states = await Promise.all(["t1-case", "t1-guide", "t1-deck", "t1-card"].map(byExternalId));
    expect(states.map((a) => a?.versions[0]?.processingState)).toEqual(["ready", "ready", "ready", "ready"]);
    expect(await search("t1zanzibarite")).toEqual(["t1-case"]);
    expect(await search("t1quillwort")).toEqual(["t1-guide"]);
    expect(await search("t1xylograph")).toEqual(["t1-deck"]);
    expect(await search("t1marzipanic")).toEqual(["t1-card"]);
  });

  it("changes nothing and duplicates nothing when run again", async () => {
    const before = await assetCount();
    const versions = (await byExternalId("t1-case"))?.versions.length;
    const summary = await importLibrary({ dir, url: server.url, token: marketer });
    expect(summary).toEqual({
      created: 0,
      updated: 0,
      newVersions: 0,
      unchanged: 5,
      failed: [],
      taxonomyTerms: 0,
    });
    expect(await assetCount()).toBe(before);
    expect((await byExternalId("t1-case"))?.versions.length).toBe(versions);
  });

  it("adds exactly one new version when one file changes", async () => {
    await writeFile(path.join(dir, "files/guide.docx"), await renderDocx(doc("Price guide", "t1rewritten")));
    const summary = await importLibrary({ dir, url: server.url, token: marketer });
    expect(summary).toMatchObject({ created: 0, updated: 0, newVersions: 1, unchanged: 4, failed: [] });
    const guide = await byExternalId("t1-guide");
    expect(guide?.versions.map((v) => v.number)).toEqual([2, 1]);
    expect((await byExternalId("t1-case"))?.versions).toHaveLength(1);
    await server.settle();
    expect(await search("t1rewritten")).toEqual(["t1-guide"]);
  });

  it("updates changed metadata and status, and only those", async () => {
    const changed = entries.map((e) => {
      if (e.externalId === "t1-case")
        return { ...e, title: "Harbor Steel case", tags: ["steel"], stages: ["discovery", "proposal"] };
      if (e.externalId === "t1-card") return { ...e, status: "published" };
      return e;
    });
    await writeLibraryJson(dir, changed);
    const summary = await importLibrary({ dir, url: server.url, token: marketer });
    expect(summary).toMatchObject({ created: 0, updated: 2, newVersions: 0, unchanged: 3, failed: [] });
    expect(await byExternalId("t1-case")).toMatchObject({
      title: "Harbor Steel case",
      tags: ["steel"],
      stages: ["discovery", "proposal"],
    });
    expect((await byExternalId("t1-card"))?.status).toBe("published");
    expect((await importLibrary({ dir, url: server.url, token: marketer })).unchanged).toBe(5);
  });

  it("reports each bad entry with its reason and imports the rest", async () => {
    const bad = await tempDir();
    const outside = await tempDir();
    await mkdir(path.join(bad, "files"));
    await writeFile(path.join(bad, "files/ok.md"), "# Fine\n\nA good entry about t2okapi.\n");
    await writeFile(
      path.join(bad, "files/tool.pdf"),
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]),
    );
    await writeFile(path.join(outside, "secret.md"), "# Secret\n");
    await symlink(path.join(outside, "secret.md"), path.join(bad, "files/link.md"));
    const before = await assetCount();
    await writeLibraryJson(bad, [
      { externalId: "t2-ok", title: "Good one", type: "one_pager", file: "files/ok.md" },
      { externalId: "t2-type", title: "Bad type", type: "poster", file: "files/ok.md" },
      { externalId: "t2-missing", title: "Missing", type: "other", file: "files/nope.pdf" },
      { externalId: "t2-escape", title: "Escape", type: "other", file: "../secret.md" },
      { externalId: "t2-symlink", title: "Symlink", type: "other", file: "files/link.md" },
      { externalId: "t2-exe", title: "Executable", type: "other", file: "files/tool.pdf" },
      {
        externalId: "t2-stage",
        title: "Unknown stage",
        type: "other",
        stages: ["nowhere"],
        file: "files/ok.md",
      },
    ]);
    const summary = await importLibrary({ dir: bad, url: server.url, token: marketer });
    expect(summary.created).toBe(1);
    expect(summary.failed).toEqual([
      { externalId: "t2-type", reason: expect.stringMatching(/^assets\[1\]\.type: Invalid option/) },
      { externalId: "t2-missing", reason: "file: files/nope.pdf does not exist" },
      {
        externalId: "t2-escape",
        reason: expect.stringMatching(
          /^assets\[3\]\.file: must be a relative path inside the library folder/,
        ),
      },
      { externalId: "t2-symlink", reason: "file: files/link.md leads outside the library folder" },
      {
        externalId: "t2-exe",
        reason: expect.stringMatching(/^upload refused \(HTTP 415\): file: ELF executable is not accepted/),
      },
      { externalId: "t2-stage", reason: 'upload refused (HTTP 400): stages: unknown stage key "nowhere"' },
    ]);
    expect(await assetCount()).toBe(before + 1);
    expect(await byExternalId("t2-ok")).toMatchObject({ title: "Good one", status: "published" });
  });

  it("refuses to start with a bad token, a rep's token, an unreachable server or a bad library.json", async () => {
    await expect(importLibrary({ dir, url: server.url, token: "psx_not-a-token" })).rejects.toThrow(
      /refused the token/,
    );
    await expect(importLibrary({ dir, url: server.url, token: rep })).rejects.toThrow(
      /a rep: importing needs a marketer or admin/,
    );
    await expect(importLibrary({ dir, url: "http://127.0.0.1:9", token: marketer })).rejects.toThrow(
      /cannot reach http:\/\/127\.0\.0\.1:9/,
    );
    const broken = await tempDir();
    await writeFile(
      path.join(broken, "library.json"),
      JSON.stringify({ taxonomy: { personas: [{ key: "cfo", label: { en: "CFO" } }] }, assets: [] }),
    );
    await expect(importLibrary({ dir: broken, url: server.url, token: marketer })).rejects.toThrow(
      /^library\.json: taxonomy\.personas\[0\]\.label\.ja: /,
    );
    await writeFile(path.join(broken, "library.json"), "{ not json");
    await expect(importLibrary({ dir: broken, url: server.url, token: marketer })).rejects.toThrow(
      ImportError,
    );
    await expect(
      importLibrary({ dir: path.join(broken, "nope"), url: server.url, token: marketer }),
    ).rejects.toThrow(/no such folder/);
  });
});

describe("cli import-library", () => {
  it("prints plain progress lines when not on a terminal, then a summary; exits 1 listing failures", async () => {
    const dir = await tempDir();
    const entries = await writeSmallLibrary(dir, "t3");
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const ok = await runCli(["import-library", dir, "--url", server.url, "--token", marketer]);
      expect(ok.code).toBe(0);
      expect(ok.out).toBe(
        "5 assets: 5 created, 0 updated, 0 new versions, 0 unchanged, 0 failed; 0 taxonomy terms written.",
      );
      expect(lines).toHaveLength(5);
      expect(lines.map((l) => l.replace(/^\d\/5 /, "")).sort()).toEqual(
        ["t3-card", "t3-case", "t3-deck", "t3-guide", "t3-video"].map((id) => `${id} created\n`),
      );
      expect(lines.map((l) => l.split(" ")[0])).toEqual(["1/5", "2/5", "3/5", "4/5", "5/5"]);

      await writeLibraryJson(dir, [
        ...entries,
        { externalId: "t3-bad", title: "Bad", file: "files/missing.docx" },
      ]);
      const failed = await runCli(["import-library", dir, "--url", server.url, "--token", marketer]);
      expect(failed.code).toBe(1);
      expect(failed.out).toContain("6 assets: 0 created, 0 updated, 0 new versions, 5 unchanged, 1 failed");
      expect(failed.out).toContain("Failed (1):\n  t3-bad  file: files/missing.docx does not exist");
      expect(lines.at(-1)).toMatch(/^\d\/6 t3-\w+ /);

      const usage = await runCli(["import-library", dir, "--token", marketer]);
      expect(usage).toEqual({ code: 1, out: expect.stringMatching(/^Error: --url: /) });
    } finally {
      write.mockRestore();
    }
    expect(JSON.parse(await readFile(path.join(dir, "library.json"), "utf8")).assets).toHaveLength(6);
  });
});
