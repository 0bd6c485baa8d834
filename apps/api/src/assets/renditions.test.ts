import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadImage } from "@napi-rs/canvas";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA } from "../../testing/deal-factories";
import { makeUser, uploadFile } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { ffmpeg, hasJapaneseFont, libreOffice } from "../../testing/system-tools";
import { makeCompoundFile, makeDocx, makePptx } from "../../testing/test-files";
import { openTestWorkspace } from "../../testing/test-workspace";
import { versionPages } from "../db/schema";
import { readSmallFile } from "../files/storage";
import { JobRunner } from "../jobs/runner";
import { openPdf } from "./processing/pdf";
import { closeProcessingWorkers } from "./processing/run-processing";
import { renderVersionJob } from "./render-version-job";
import { queueMissingRenditions } from "./rendition-backlog";

const lo = libreOffice;
let server: TestServer;
let marketer: string;
let rep: string;

beforeAll(async () => {
  ({
    server,
    tokens: { marketer, rep },
  } = await openTestWorkspace({
    env: { SOFFICE_PATH: lo.skip ? "off" : lo.path, FFMPEG_PATH: ffmpeg.skip ? "off" : ffmpeg.path },
    users: { marketer: { role: "marketer" }, rep: { role: "rep" } },
  }));
});
afterAll(async () => {
  await server?.close();
  await closeProcessingWorkers();
});

const JAPANESE_DECK = [
  { text: "ノースウィンド分析のご紹介" },
  { text: "価格の透明性とペンギン計画", notes: "社外秘：値引きは15%まで" },
  { text: "導入事例：東邦精機" },
];

const authed = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const get = (token: string, id: string) => server.client({ token }).assets.get.query({ id });

async function uploadAndRender(name: string, data: Buffer, meta: Record<string, unknown> = {}) {
  const started = Date.now();
  const up = await uploadFile(
    server.url,
    { token: marketer },
    { name, data, meta: { title: name, ...meta } },
  );
  expect(up.status).toBe(201);
  await server.settle();
  return { assetId: up.body.assetId ?? "", versionId: up.body.versionId ?? "", ms: Date.now() - started };
}

async function pdfTextOf(data: Buffer): Promise<string[]> {
  const pdf = await openPdf(data);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(content.items.map((i) => ("str" in i ? i.str : "")).join(""));
    }
    return pages;
  } finally {
    await pdf.loadingTask.destroy();
  }
}

describe("Office files become pages (LibreOffice)", () => {
  it.skipIf(lo.skip)(
    lo.title(
      "a Japanese PPTX and an English DOCX each get, within 15 s, a rendition with the right page count, a picture per page and a card, and a slide's words are found at that slide",
    ),
    async () => {
      const deck = await uploadAndRender("ペンギン計画.pptx", await makePptx(JAPANESE_DECK), {
        language: "ja",
      });
      const doc = await uploadAndRender(
        "brief.docx",
        await makeDocx(["Executive brief", "Why now", "The axolotl programme", "Next steps"], {
          pageBreaks: true,
        }),
      );
      expect(deck.ms).toBeLessThan(15_000);
      expect(doc.ms).toBeLessThan(15_000);

      for (const [upload, pages] of [
        [deck, 3],
        [doc, 4],
      ] as const) {
        const asset = await get(marketer, upload.assetId);
        expect(asset.versions[0]).toMatchObject({
          renditionState: "ready",
          renditionError: null,
          pageCount: pages,
          renditionUrl: `/api/files/${upload.versionId}/rendition`,
        });
        expect(asset.pages).toHaveLength(pages);
        expect(asset.pages.every((p) => p.imageUrl !== null)).toBe(true);
        const image = await fetch(`${server.url}${asset.pages[1]?.imageUrl}`, authed(marketer));
        expect(image.status).toBe(200);
        expect(image.headers.get("content-type")).toBe("image/webp");
        const card = await fetch(`${server.url}${asset.thumbnailUrl}`, authed(marketer));
        expect(card.status).toBe(200);
        const rendition = await fetch(`${server.url}${asset.versions[0]?.renditionUrl}`, authed(marketer));
        expect(rendition.headers.get("content-type")).toBe("application/pdf");
        expect((await rendition.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      }

      // the slide's own text and notes are what the page holds; search says which slide
      const [slide2] = await server.deps.database.db
        .select({ text: versionPages.text })
        .from(versionPages)
        .where(eq(versionPages.versionId, deck.versionId))
        .orderBy(versionPages.number)
        .offset(1)
        .limit(1);
      expect(slide2?.text).toContain("ペンギン計画");
      const search = (q: string) => server.client({ token: marketer }).search.query.query({ q });
      const deckHit = (await search("ペンギン計画")).hits.find((h) => h.asset.id === deck.assetId);
      expect(deckHit?.page).toEqual({ number: 2, unit: "slide" });
      expect(deckHit?.snippet).toContain("<mark>");
      const docHit = (await search("axolotl")).hits.find((h) => h.asset.id === doc.assetId);
      expect(docHit?.page).toEqual({ number: 3, unit: "page" });
    },
  );

  it.skipIf(lo.skip || (!hasJapaneseFont() && process.env.CI !== "true"))(
    lo.skip || hasJapaneseFont()
      ? lo.title("Japanese slides are drawn with a Japanese font, not tofu")
      : "Japanese slides are drawn with a Japanese font, not tofu (skipped: no font with Japanese glyphs; apt-get install fonts-noto-cjk)",
    async () => {
      const deck = await uploadAndRender("和文.pptx", await makePptx(JAPANESE_DECK), { language: "ja" });
      const asset = await get(marketer, deck.assetId);
      const res = await fetch(`${server.url}${asset.versions[0]?.renditionUrl}`, authed(marketer));
      const pdf = await openPdf(Buffer.from(await res.arrayBuffer()));
      try {
        const page = await pdf.getPage(2);
        const content = await page.getTextContent();
        await page.getOperatorList(); // loads the page's fonts into commonObjs
        const japanese = content.items.filter(
          (i) => "str" in i && /[\u3040-\u30ff\u4e00-\u9fff]/.test(i.str),
        );
        expect(japanese.map((i) => ("str" in i ? i.str : "")).join("")).toContain("価格の透明性");
        for (const item of japanese) {
          if (!("fontName" in item)) continue;
          const font = page.commonObjs.get(item.fontName) as { name?: string; missingFile?: boolean };
          // LibreOffice embeds the face it drew with: a CJK face, not a Latin one with empty boxes
          expect(font.name).toMatch(/CJK|Gothic|Mincho|IPA|JP|Sans ?J|Takao|VL/i);
          expect(font.missingFile).toBeFalsy();
        }
      } finally {
        await pdf.loadingTask.destroy();
      }
    },
  );

  it.skipIf(lo.skip)(
    lo.title(
      "a prospect reads the rendition: no path gives the original or the speaker notes unless the link allows downloads",
    ),
    async () => {
      const deck = await uploadAndRender("notes.pptx", await makePptx(JAPANESE_DECK), { language: "ja" });
      await server
        .client({ token: marketer })
        .assets.setStatus.mutate({ id: deck.assetId, status: "published" });
      const shares = server.client({ token: rep }).shares;
      const link = (token: string) => `${server.url}/s/${token}`;
      const closed = link((await shares.create.mutate({ assetId: deck.assetId })).token);
      const viewer = await fetch(closed, { headers: { "user-agent": BROWSER_UA } });
      expect(viewer.status).toBe(200);
      expect(await viewer.text()).toContain('data-kind="pdf"');
      const file = await fetch(`${closed}/file`);
      expect(file.headers.get("content-type")).toBe("application/pdf");
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect((await pdfTextOf(bytes)).join(" ")).not.toContain("社外秘");
      expect((await fetch(`${closed}/file?download=1`)).status).toBe(403);

      // a rep's link that allows downloads gives the PDF; a marketer's gives the original
      const repOpen = link(
        (await shares.create.mutate({ assetId: deck.assetId, allowDownload: true })).token,
      );
      const repDownload = await fetch(`${repOpen}/file?download=1`);
      expect(repDownload.headers.get("content-type")).toBe("application/pdf");
      expect(repDownload.headers.get("content-disposition")).toContain("notes.pdf");
      const marketerOpen = await server
        .client({ token: marketer })
        .shares.create.mutate({ assetId: deck.assetId, allowDownload: true });
      const original = Buffer.from(
        await (await fetch(`${link(marketerOpen.token)}/file?download=1`)).arrayBuffer(),
      );
      expect(original.subarray(0, 2).toString()).toBe("PK");

      // and inside the portal, a rep reads the PDF; the original is the marketers'
      const asset = await get(rep, deck.assetId);
      expect(asset.versions[0]?.downloadUrl).toBeNull();
      expect((await fetch(`${server.url}${asset.versions[0]?.renditionUrl}`, authed(rep))).status).toBe(200);
      expect((await fetch(`${server.url}${asset.pages[0]?.imageUrl}`, authed(rep))).status).toBe(200);
      expect((await fetch(`${server.url}/api/files/${deck.versionId}`, authed(rep))).status).toBe(403);
      expect((await fetch(`${server.url}/api/files/${deck.versionId}`, authed(marketer))).status).toBe(200);
    },
  );

  it.skipIf(lo.skip)(
    lo.title(
      "a file LibreOffice cannot read fails its rendition only: the reason is kept and the original stays",
    ),
    async () => {
      const broken = makeCompoundFile(["WordDocument"]);
      const up = await uploadAndRender("legacy.doc", broken);
      const asset = await get(marketer, up.assetId);
      expect(asset.versions[0]).toMatchObject({ processingState: "ready", renditionState: "failed" });
      expect(asset.versions[0]?.renditionError).toMatch(/LibreOffice/);
      expect(asset.thumbnailUrl).not.toBeNull(); // a drawn card instead of a grey box
      expect((await fetch(`${server.url}/api/files/${up.versionId}`, authed(marketer))).status).toBe(200);
    },
  );

  it.skipIf(lo.skip)(
    lo.title(
      "without LibreOffice an Office file is 'unavailable' with a drawn card; installed later, the backlog converts it",
    ),
    async () => {
      const bare = await startTestServer(); // SOFFICE_PATH=off
      try {
        const { db } = bare.deps.database;
        const m = await makeUser(db, { role: "marketer" });
        const token = await loginToken(bare, m.email, m.password);
        const up = await uploadFile(
          bare.url,
          { token },
          { name: "plan.docx", data: await makeDocx(["Mutual plan"]) },
        );
        await bare.settle();
        const before = await bare.client({ token }).assets.get.query({ id: up.body.assetId ?? "" });
        expect(before.versions[0]).toMatchObject({ processingState: "ready", renditionState: "unavailable" });
        expect(before.thumbnailUrl).not.toBeNull();
        expect(before.versions[0]?.renditionUrl).toBeNull();

        // LibreOffice arrives: the start-up backlog (and `pnpm cli renditions --missing`) picks it up
        const withOffice = new JobRunner(
          db,
          {
            render_version: renderVersionJob(
              db,
              bare.deps.storage,
              { soffice: lo.path, ffmpeg: null },
              bare.deps.logger,
            ),
          },
          bare.deps.logger,
        );
        expect(await queueMissingRenditions(db, { unavailable: true })).toBe(1);
        expect(await queueMissingRenditions(db, { unavailable: true })).toBe(0); // already queued
        await withOffice.drain();
        const after = await bare.client({ token }).assets.get.query({ id: up.body.assetId ?? "" });
        expect(after.versions[0]).toMatchObject({ renditionState: "ready", pageCount: 1 });
      } finally {
        await bare.close();
      }
    },
  );
});

describe("library cards for what has no pages", () => {
  it.skipIf(ffmpeg.skip)(ffmpeg.title("a video's card is a frame of the video (ffmpeg)"), async () => {
    const video = path.join(server.deps.config.dataDir, "clip.mp4");
    // two seconds of ffmpeg's test pattern, 640×360
    execFileSync(ffmpeg.path, [
      "-loglevel",
      "error",
      "-f",
      "lavfi",
      "-i",
      "testsrc=duration=2:size=640x360:rate=10",
      "-pix_fmt",
      "yuv420p",
      video,
    ]);
    const up = await uploadAndRender("clip.mp4", await readFile(video));
    const asset = await get(marketer, up.assetId);
    const card = await fetch(`${server.url}${asset.thumbnailUrl}`, authed(marketer));
    const image = await loadImage(Buffer.from(await card.arrayBuffer()));
    // the frame scaled to the card's width, not a drawn 400×300 card
    expect({ width: image.width, height: image.height }).toEqual({ width: 400, height: 225 });
  });

  it("Markdown and links get a drawn card with their title", async () => {
    const md = await uploadAndRender("card.md", Buffer.from("# アクメ対策\n\n価格では勝負しない。\n"), {
      language: "ja",
    });
    const link = await server.client({ token: marketer }).assets.createLink.mutate({
      url: "https://www.youtube.com/watch?v=demo",
      meta: { title: "Product tour", type: "video" },
    });
    await server.settle();
    for (const id of [md.assetId, link.assetId]) {
      const asset = await get(marketer, id);
      const card = await fetch(`${server.url}${asset.thumbnailUrl}`, authed(marketer));
      expect(card.headers.get("content-type")).toBe("image/webp");
      const image = await loadImage(Buffer.from(await card.arrayBuffer()));
      expect({ width: image.width, height: image.height }).toEqual({ width: 400, height: 300 });
    }
  });
});

describe("what reaches the disk", () => {
  it.skipIf(lo.skip)(
    lo.title("the rendition is the PDF LibreOffice made, stored beside the original"),
    async () => {
      const up = await uploadAndRender("stored.docx", await makeDocx(["Stored beside"]));
      const key = `versions/${up.versionId}/rendition.pdf`;
      const data = await readSmallFile(server.deps.storage, key, 50 * 1024 * 1024);
      expect(data?.subarray(0, 5).toString()).toBe("%PDF-");
    },
  );
});
