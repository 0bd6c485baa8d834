import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, makeAsset } from "../../testing/deal-factories";
import type { TestServer } from "../../testing/server";
import { makePdf, makePptx, makeWebp } from "../../testing/test-files";
import { openTestWorkspace } from "../../testing/test-workspace";
import { assets, shareLinks } from "../db/schema";
import { viewerRoutes } from "./viewer-route";

// What every public route gives for a link: an original only when the link allows downloads (an
// Office original only from a curator's link), and nothing at all once its asset is not live.

const THUMBNAIL = makeWebp(64, 48);

let server: TestServer;
let rep: string;
let marketer: string;
let pdf: Buffer;
let rendition: Buffer;
let pptx: Buffer;

beforeAll(async () => {
  ({
    server,
    tokens: { rep, marketer },
  } = await openTestWorkspace({ users: { rep: { role: "rep" }, marketer: { role: "marketer" } } }));
  pdf = await makePdf({ pages: ["Case study 1", "Case study 2"] });
  rendition = await makePdf({ pages: ["Pricing 1", "Pricing 2"] });
  pptx = await makePptx([
    { text: "Pricing 1", notes: "Our floor price is 40% off" },
    { text: "Pricing 2", notes: "Never say this to the buyer" },
  ]);
});
afterAll(() => server?.close());

const deck = () =>
  makeAsset(server.deps.database.db, server.deps.storage, {
    title: "Pricing deck",
    file: { data: pptx, kind: "pptx", fileName: "pricing.pptx", pageCount: 2 },
    rendition,
    thumbnail: THUMBNAIL,
  });
const pdfAsset = () =>
  makeAsset(server.deps.database.db, server.deps.storage, {
    title: "Case study",
    file: { data: pdf, kind: "pdf", fileName: "case.pdf", pageCount: 2 },
    thumbnail: THUMBNAIL,
  });

interface Answer {
  status: number;
  type: string;
  disposition: string;
  location: string;
  body: Buffer;
}

const call = async (path: string, init: RequestInit = {}): Promise<Answer> => {
  const res = await fetch(`${server.url}${path}`, {
    redirect: "manual",
    ...init,
    headers: { "user-agent": BROWSER_UA, ...(init.headers as Record<string, string>) },
  });
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    disposition: res.headers.get("content-disposition") ?? "",
    location: res.headers.get("location") ?? "",
    body: Buffer.from(await res.arrayBuffer()),
  };
};

/**
 * Every way the viewer's routes can be asked for a link, by route. A route
 * added to the viewer without probes here fails the first test.
 */
const probes: Record<string, (token: string) => [string, Promise<Answer>][]> = {
  "GET /s/_/:file": (token) => [["script named like the token", call(`/s/_/${token}`)]],
  "GET /s/_/:dir/:file": (token) => [["pdf.js file named like the token", call(`/s/_/wasm/${token}`)]],
  "GET /s/:token": (token) => [["viewer page", call(`/s/${token}`)]],
  "POST /s/:token/unlock": (token) => [
    [
      "gate",
      call(`/s/${token}/unlock`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "email=kim%40acme.example&passcode=x",
      }),
    ],
  ],
  "GET /s/:token/thumbnail": (token) => [["card picture", call(`/s/${token}/thumbnail`)]],
  "GET /s/:token/file": (token) => [
    [
      "file, as the viewer's script reads it",
      call(`/s/${token}/file`, { headers: { "sec-fetch-dest": "empty" } }),
    ],
    ["file, HEAD", call(`/s/${token}/file`, { method: "HEAD" })],
    ["file, download=1", call(`/s/${token}/file?download=1`)],
    ["file, download=1 twice", call(`/s/${token}/file?download=1&download=1`)],
    ["file, download=true", call(`/s/${token}/file?download=true`)],
    ["file, DOWNLOAD=1", call(`/s/${token}/file?DOWNLOAD=1`)],
    [
      "file, opened in the address bar",
      call(`/s/${token}/file`, { headers: { "sec-fetch-dest": "document", "sec-fetch-mode": "navigate" } }),
    ],
    ["file, in a frame", call(`/s/${token}/file`, { headers: { "sec-fetch-dest": "iframe" } })],
    ["file, embedded", call(`/s/${token}/file`, { headers: { "sec-fetch-dest": "embed" } })],
  ],
  "POST /api/v/:token/events": (token) => [
    [
      "download beacon",
      call(`/api/v/${token}/events`, {
        method: "POST",
        headers: { "content-type": "text/plain;charset=UTF-8" },
        body: JSON.stringify({ type: "download", visitorId: "exposure-visitor" }),
      }),
    ],
  ],
};

async function walk(token: string) {
  const answers: [string, Answer][] = [];
  for (const probe of Object.values(probes)) {
    for (const [name, answer] of probe(token)) answers.push([name, await answer]);
  }
  return answers;
}

const holds = (answer: Answer, bytes: Buffer) => bytes.length > 0 && answer.body.includes(bytes);

describe("every viewer route, for a link", () => {
  it("walks every route the viewer has", () => {
    const routes = viewerRoutes(server.deps)
      .stack.flatMap((layer) => {
        const route = layer.route as { path: string; methods: Record<string, boolean> } | undefined;
        return route ? Object.keys(route.methods).map((m) => `${m.toUpperCase()} ${route.path}`) : [];
      })
      .sort();
    expect(routes).toEqual(Object.keys(probes).sort());
  });

  it("without downloads: no route gives an original or an attachment; the file is the rendition, read inline by the viewer only", async () => {
    const c = server.client({ token: rep });
    for (const [what, make, original, readable] of [
      ["Office deck", deck, pptx, rendition],
      ["PDF", pdfAsset, null, pdf],
    ] as const) {
      const asset = await make();
      for (const maker of [c, server.client({ token: marketer })]) {
        const link = await maker.shares.create.mutate({ assetId: asset.assetId, allowDownload: false });
        const answers = await walk(link.token);
        for (const [name, answer] of answers) {
          const label = `${what}: ${name}`;
          if (original) expect(holds(answer, original), label).toBe(false);
          expect(answer.disposition, label).not.toMatch(/attachment/);
          if (holds(answer, readable)) {
            // the one response with the document: what pdf.js fetches, inline, as a PDF
            expect(name, label).toMatch(
              /^file, (as the viewer's script reads it|download=1 twice|download=true|DOWNLOAD=1)$/,
            );
            expect(answer.type, label).toBe("application/pdf");
            expect(answer.disposition, label).toMatch(/^inline/);
          }
        }
        const by = Object.fromEntries(answers.map(([name, a]) => [name, a]));
        expect(by["viewer page"]?.status).toBe(200);
        expect(by["viewer page"]?.body.toString()).not.toContain("download=1");
        expect(by["file, download=1"]?.status).toBe(403);
        expect(by["download beacon"]?.status).toBe(400);
        for (const name of ["file, opened in the address bar", "file, in a frame", "file, embedded"]) {
          expect(`${name} ${by[name]?.status} ${by[name]?.location}`).toBe(`${name} 303 /s/${link.token}`);
        }
        expect(by["card picture"]?.type).toBe("image/webp");
      }
    }
  });

  it("with downloads: a rep's link gives the deck's PDF, only a curator's link its original", async () => {
    const asset = await deck();
    const fromRep = await server
      .client({ token: rep })
      .shares.create.mutate({ assetId: asset.assetId, allowDownload: true });
    const repDownload = await call(`/s/${fromRep.token}/file?download=1`);
    expect(repDownload.status).toBe(200);
    expect(repDownload.disposition).toMatch(/^attachment; filename="?pricing\.pdf/);
    expect(repDownload.body.equals(rendition)).toBe(true);
    for (const [name, answer] of await walk(fromRep.token)) expect(holds(answer, pptx), name).toBe(false);
    const fromCurator = await server
      .client({ token: marketer })
      .shares.create.mutate({ assetId: asset.assetId, allowDownload: true });
    const original = await call(`/s/${fromCurator.token}/file?download=1`);
    expect(original.disposition).toMatch(/^attachment; filename="?pricing\.pptx/);
    expect(original.body.equals(pptx)).toBe(true);
    // reading, even from a curator's link, is the rendition
    expect((await call(`/s/${fromCurator.token}/file`)).body.equals(rendition)).toBe(true);
  });

  it("ends every route when the asset is unpublished, archived, expired or made internal", async () => {
    const { db } = server.deps.database;
    const m = server.client({ token: marketer });
    const endings: [string, (assetId: string) => Promise<unknown>][] = [
      ["unpublished", (id) => m.assets.setStatus.mutate({ id, status: "draft" })],
      ["archived", (id) => m.assets.archive.mutate({ id })],
      ["made internal", (id) => m.assets.update.mutate({ id, patch: { audience: "internal" } })],
      [
        "expired",
        (id) =>
          db
            .update(assets)
            .set({ expiresAt: new Date(Date.now() - 1000) })
            .where(eq(assets.id, id)),
      ],
    ];
    for (const [ending, end] of endings) {
      const asset = await deck();
      const link = await server
        .client({ token: marketer })
        .shares.create.mutate({ assetId: asset.assetId, allowDownload: true });
      const room = await server.client({ token: rep }).rooms.create.mutate({ assetIds: [asset.assetId] });
      const roomToken = room.url.split("/s/")[1] ?? "";
      const [roomItem] = await db.select().from(shareLinks).where(eq(shareLinks.roomId, room.id));
      expect((await call(`/s/${link.token}/file?download=1`)).body.equals(pptx)).toBe(true);
      await end(asset.assetId);
      for (const token of [link.token, roomItem?.token ?? ""]) {
        for (const [name, answer] of await walk(token)) {
          const label = `${ending}: ${name}`;
          expect(answer.status, label).toBeGreaterThanOrEqual(400);
          expect(holds(answer, pptx) || holds(answer, rendition) || holds(answer, THUMBNAIL), label).toBe(
            false,
          );
        }
        expect((await call(`/s/${token}`)).status).toBe(410);
        expect((await call(`/s/${token}/file`)).status).toBe(410);
      }
      expect((await call(`/s/${roomToken}`)).body.toString()).not.toContain("Pricing deck");
    }
  });
});
