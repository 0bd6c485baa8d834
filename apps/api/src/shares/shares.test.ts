import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, makeAsset, makeDeal } from "../../testing/deal-factories";
import { codeOf } from "../../testing/refusal";
import type { TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";
import { assetDealTouches, auditLog, events, notifications, shareLinks } from "../db/schema";
import { VISIT_GRACE_MS } from "../tracking/link-visits";

const PUBLIC_URL = "https://pitchside.example.com";
let server: TestServer;
let rep: string;
let repId: string;
let repCookie: string;
let otherRep: string;
let marketer: string;
let teamB: string;
let pdf: Buffer;

async function makePdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i += 1) {
    const page = doc.addPage([400, 500]);
    page.drawText(`Page ${i}`, { x: 50, y: 400, size: 36, font });
  }
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  ({
    server,
    teams: { "Share B": teamB },
    ids: { rep: repId },
    tokens: { rep, otherRep, marketer },
    cookies: { rep: repCookie },
  } = await openTestWorkspace({
    env: { PUBLIC_URL },
    teams: ["Share A", "Share B"],
    users: {
      rep: { role: "rep", team: "Share A", name: "Ana Rep", login: "both" },
      otherRep: { role: "rep", team: "Share B" },
      marketer: { role: "marketer" },
    },
  }));
  pdf = await makePdf(3);
});
afterAll(() => server?.close());

const pdfAsset = (over: Parameters<typeof makeAsset>[2] = {}) =>
  makeAsset(server.deps.database.db, server.deps.storage, {
    title: "Acme case study",
    file: { data: pdf, kind: "pdf", fileName: "acme.pdf", pageCount: 3 },
    ...over,
  });

const page = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/s/${token}`, { headers: { "user-agent": BROWSER_UA, ...headers } });
const beacon = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v/${token}/events`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": BROWSER_UA, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const eventsOf = (shareId: string) =>
  server.deps.database.db.select().from(events).where(eq(events.shareId, shareId)).orderBy(events.at);

describe("shares.create / list / revoke", () => {
  it("makes a 128+ bit token link, records a shared event and a touch on the deal", async () => {
    const asset = await pdfAsset();
    const deal = await makeDeal(server.deps.database.db, { ownerId: repId, name: "Acme deal" });
    const c = server.client({ token: rep });
    const share = await c.shares.create.mutate({
      assetId: asset.assetId,
      dealId: deal.id,
      recipientEmail: "Ana@Acme.example",
    });
    expect(share.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(share.url).toBe(`${PUBLIC_URL}/s/${share.token}`);
    const [shared] = await eventsOf(share.id);
    expect(shared).toMatchObject({
      type: "shared",
      userId: repId,
      assetId: asset.assetId,
      dealId: deal.id,
      surface: "portal",
    });
    const [touch] = await server.deps.database.db
      .select()
      .from(assetDealTouches)
      .where(and(eq(assetDealTouches.assetId, asset.assetId), eq(assetDealTouches.dealId, deal.id)));
    expect(touch?.count).toBe(1);
    const audit = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, share.id));
    expect(audit.map((a) => a.action)).toEqual(["share.create"]);

    const mine = await c.shares.list.query({ mine: true });
    expect(mine[0]).toMatchObject({
      id: share.id,
      state: "active",
      dealName: "Acme deal",
      recipientEmail: "ana@acme.example",
      opens: 0,
    });
    expect((await c.shares.list.query({ dealId: deal.id })).map((s) => s.id)).toEqual([share.id]);
    // another rep does not see it; a marketer does, by asset
    expect(await server.client({ token: otherRep }).shares.list.query({ assetId: asset.assetId })).toEqual(
      [],
    );
    expect(
      (await server.client({ token: marketer }).shares.list.query({ assetId: asset.assetId })).map(
        (s) => s.id,
      ),
    ).toEqual([share.id]);
  });

  it("refuses to share an asset or use a deal the rep cannot see", async () => {
    const { db } = server.deps.database;
    const c = server.client({ token: rep });
    const draft = await pdfAsset({ status: "draft" });
    const otherTeam = await pdfAsset({ teamIds: [teamB] });
    const expired = await pdfAsset({ expiresAt: new Date(Date.now() - 60_000) });
    for (const a of [draft, otherTeam, expired]) {
      expect(await codeOf(c.shares.create.mutate({ assetId: a.assetId }))).toBe("NOT_FOUND");
    }
    const visible = await pdfAsset();
    const othersDeal = await makeDeal(db, {});
    await expect(c.shares.create.mutate({ assetId: visible.assetId, dealId: othersDeal.id })).rejects.toThrow(
      /^dealId: /,
    );
    await expect(
      c.shares.create.mutate({
        assetId: visible.assetId,
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      }),
    ).rejects.toThrow(/expiresAt: must be in the future/);
    expect(
      await codeOf(server.client({ token: otherRep }).shares.create.mutate({ assetId: otherTeam.assetId })),
    ).toBe("OK");
    expect(await codeOf(server.client().shares.create.mutate({ assetId: visible.assetId }))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("revokes (the creator or a marketer, not another rep) and expires: the viewer answers 410", async () => {
    const asset = await pdfAsset();
    const c = server.client({ token: rep });
    const a = await c.shares.create.mutate({ assetId: asset.assetId });
    expect((await page(a.token)).status).toBe(200);
    expect(await codeOf(server.client({ token: otherRep }).shares.revoke.mutate({ id: a.id }))).toBe(
      "NOT_FOUND",
    );
    await c.shares.revoke.mutate({ id: a.id });
    const gone = await page(a.token);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("no longer available");
    expect((await fetch(`${server.url}/s/${a.token}/file`)).status).toBe(410);
    expect((await beacon(a.token, { type: "open", visitorId: "visitor-0001" })).status).toBe(410);
    expect((await c.shares.list.query({ assetId: asset.assetId }))[0]?.state).toBe("revoked");

    const b = await c.shares.create.mutate({
      assetId: asset.assetId,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect((await page(b.token)).status).toBe(200);
    await server.deps.database.db
      .update(shareLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(shareLinks.id, b.id));
    expect((await page(b.token)).status).toBe(410);
    expect((await c.shares.list.query({ assetId: asset.assetId })).find((s) => s.id === b.id)?.state).toBe(
      "expired",
    );

    const byMarketer = await c.shares.create.mutate({ assetId: asset.assetId });
    await server.client({ token: marketer }).shares.revoke.mutate({ id: byMarketer.id });
    expect((await page(byMarketer.token)).status).toBe(410);
  });
});

describe("public viewer", () => {
  it("serves a light, locked-down page that names no internal id, in the reader's language", async () => {
    const asset = await pdfAsset({ title: "Acme <b>case</b> study" });
    const deal = await makeDeal(server.deps.database.db, { ownerId: repId });
    const share = await server
      .client({ token: rep })
      .shares.create.mutate({ assetId: asset.assetId, dealId: deal.id });
    const res = await page(share.token, { "accept-language": "fr-FR, en;q=0.8" });
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Acme &lt;b&gt;case&lt;/b&gt; study");
    expect(html).toContain("Shared with you by Ana Rep");
    expect(html).toContain(`<script type="module" nonce="${nonce}" src="/s/_/viewer.js">`);
    expect(html).toContain(`data-file="/s/${share.token}/file" data-beacon="/api/v/${share.token}/events"`);
    expect(html).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(html).not.toContain("download");
    for (const id of [asset.assetId, asset.versionId, deal.id, share.id, repId])
      expect(html).not.toContain(id);

    const ja = await (await page(share.token, { "accept-language": "ja,en-US;q=0.9" })).text();
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain("Ana Rep さんから共有されました");

    const missing = await page("A".repeat(24), { "accept-language": "ja" });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("リンクが見つかりません");
    expect((await page("not-a-token")).status).toBe(404);

    for (const file of ["viewer.js", "pdf.mjs", "pdf.worker.mjs"]) {
      const r = await fetch(`${server.url}/s/_/${file}`);
      expect(`${file} ${r.status}`).toBe(`${file} 200`);
      expect(r.headers.get("content-type")).toMatch(/^text\/javascript/);
    }
    expect((await fetch(`${server.url}/s/_/standard_fonts/..%2Fpackage.json`)).status).toBe(404);
  });

  it("serves the file inline, and for download only when the link allows it", async () => {
    const asset = await pdfAsset();
    const c = server.client({ token: rep });
    const locked = await c.shares.create.mutate({ assetId: asset.assetId });
    const inline = await fetch(`${server.url}/s/${locked.token}/file`);
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-type")).toBe("application/pdf");
    expect(inline.headers.get("content-disposition")).toMatch(/^inline/);
    expect(inline.headers.get("content-security-policy")).toContain("sandbox");
    expect(
      Buffer.from(await inline.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await fetch(`${server.url}/s/${locked.token}/file?download=1`)).status).toBe(403);

    const open = await c.shares.create.mutate({ assetId: asset.assetId, allowDownload: true });
    const dl = await fetch(`${server.url}/s/${open.token}/file?download=1`);
    expect(dl.headers.get("content-disposition")).toMatch(/^attachment; filename="?acme\.pdf/);
    expect(await (await page(open.token)).text()).toContain(`href="/s/${open.token}/file?download=1"`);
  });

  it("renders Markdown safely and link assets as a link", async () => {
    const { db } = server.deps.database;
    const md = await makeAsset(db, server.deps.storage, {
      source: "markdown",
      file: {
        data: "# Battle card\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) and [site](https://acme.example)",
        kind: "markdown",
        fileName: "card.md",
      },
    });
    const link = await makeAsset(db, server.deps.storage, {
      source: "link",
      url: "https://video.example/watch?v=1",
    });
    const c = server.client({ token: rep });
    const mdHtml = await (await page((await c.shares.create.mutate({ assetId: md.assetId })).token)).text();
    expect(mdHtml).toContain("<h1>Battle card</h1>");
    expect(mdHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mdHtml).not.toContain("javascript:");
    expect(mdHtml).toContain(
      '<a href="https://acme.example/" rel="noopener noreferrer nofollow" target="_blank">site</a>',
    );
    const linkHtml = await (
      await page((await c.shares.create.mutate({ assetId: link.assetId })).token)
    ).text();
    expect(linkHtml).toContain('href="https://video.example/watch?v=1"');
  });

  it("gives bots a working page, and does not count them", async () => {
    const asset = await pdfAsset();
    const share = await server.client({ token: rep }).shares.create.mutate({ assetId: asset.assetId });
    for (const ua of [
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
      "curl/8.5.0",
    ]) {
      const html = await (await page(share.token, { "user-agent": ua })).text();
      expect(html).toContain('data-kind="pdf"');
      expect(html).toContain('data-track="0"');
      expect(
        (await beacon(share.token, { type: "open", visitorId: "bot-visitor-1" }, { "user-agent": ua }))
          .status,
      ).toBe(204);
    }
    expect((await eventsOf(share.id)).map((e) => e.type)).toEqual(["shared"]);
  });
});

describe("viewer beacon", () => {
  it("records opens and page time as viewer events on the share's asset and deal, and notifies the sender once", async () => {
    const asset = await pdfAsset();
    const deal = await makeDeal(server.deps.database.db, { ownerId: repId, name: "Beacon deal" });
    const share = await server
      .client({ token: rep })
      .shares.create.mutate({ assetId: asset.assetId, dealId: deal.id });
    const visitorId = "visitor-abc-123";
    expect((await beacon(share.token, { type: "open", visitorId })).status).toBe(204);
    expect(
      (
        await beacon(share.token, [
          { id: randomUUID(), type: "page", page: 1, activeMs: 4200, visitorId },
          { id: randomUUID(), type: "page", page: 2, activeMs: 800, visitorId },
        ])
      ).status,
    ).toBe(204);
    expect((await beacon(share.token, { type: "open", visitorId })).status).toBe(204);

    const rows = await eventsOf(share.id);
    expect(rows.map((e) => e.type)).toEqual([
      "shared",
      "prospect_opened",
      "prospect_page",
      "prospect_page",
      "prospect_opened",
    ]);
    const viewer = rows.filter((e) => e.surface === "viewer");
    for (const e of viewer) {
      expect(e).toMatchObject({ userId: null, assetId: asset.assetId, dealId: deal.id });
      expect(e.props.ipHash).toMatch(/^[0-9a-f]{16}$/);
      expect(JSON.stringify(e.props)).not.toContain("127.0.0.1");
    }
    expect(
      viewer.filter((e) => e.type === "prospect_page").map((e) => [e.props.page, e.props.activeMs]),
    ).toEqual([
      [1, 4200],
      [2, 800],
    ]);
    const [touch] = await server.deps.database.db
      .select()
      .from(assetDealTouches)
      .where(and(eq(assetDealTouches.assetId, asset.assetId), eq(assetDealTouches.dealId, deal.id)));
    expect(touch?.count).toBe(5);

    const listed = (await server.client({ token: rep }).shares.list.query({ dealId: deal.id }))[0];
    // two opens from one browser are one visit, one visitor
    expect(listed).toMatchObject({ opens: 1, uniqueVisitors: 1, activeMs: 5000 });
    expect(listed?.pages).toEqual([
      { page: 1, activeMs: 4200 },
      { page: 2, activeMs: 800 },
    ]);
    expect(listed?.lastSeenAt).not.toBeNull();

    const notes = await server.client({ token: rep }).notifications.list.query();
    const forShare = notes.items.filter((n) => n.payload.shareId === share.id);
    expect(forShare).toHaveLength(1);
    expect(forShare[0]?.payload).toMatchObject({ assetTitle: "Acme case study", dealName: "Beacon deal" });
    expect(
      await server.deps.database.db.select().from(notifications).where(eq(notifications.userId, repId)),
    ).not.toHaveLength(0);
  });

  it("rejects absurd values and malformed bodies, naming the field", async () => {
    const asset = await pdfAsset();
    const share = await server.client({ token: rep }).shares.create.mutate({ assetId: asset.assetId });
    const visitorId = "visitor-absurd-1";
    const cases: [unknown, RegExp][] = [
      [{ type: "page", page: 1, activeMs: -5, visitorId }, /activeMs: must not be negative/],
      [{ type: "page", page: 1, activeMs: 31 * 60_000, visitorId }, /activeMs: must be at most/],
      [{ type: "page", page: 1, activeMs: 1.5, visitorId }, /activeMs/],
      [{ type: "page", page: 9, activeMs: 100, visitorId }, /page: the document has 3 page/],
      [{ type: "page", visitorId }, /page: a page event needs page and activeMs/],
      [{ type: "open", visitorId: "x" }, /visitorId/],
      [{ type: "download", visitorId }, /does not allow downloads/],
      ["{not json", /not valid JSON/],
    ];
    for (const [body, message] of cases) {
      const res = await beacon(share.token, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect((await beacon("B".repeat(24), { type: "open", visitorId })).status).toBe(404);
    expect((await eventsOf(share.id)).map((e) => e.type)).toEqual(["shared"]);
  });

  it("does not count a signed-in colleague previewing the link", async () => {
    const asset = await pdfAsset();
    const share = await server.client({ token: rep }).shares.create.mutate({ assetId: asset.assetId });
    const res = await beacon(share.token, { type: "open", visitorId: "colleague-1" }, { cookie: repCookie });
    expect(res.status).toBe(204);
    expect((await eventsOf(share.id)).map((e) => e.type)).toEqual(["shared"]);
  });

  it("caps a visit's reading time by the time since it started, and refuses pages past the document", async () => {
    const asset = await pdfAsset();
    const share = await server.client({ token: rep }).shares.create.mutate({ assetId: asset.assetId });
    const visitorId = "visitor-poison-1";
    const started = Date.now();
    expect((await beacon(share.token, { type: "open", visitorId })).status).toBe(204);
    const claims = Array.from({ length: 20 }, () => ({
      id: randomUUID(),
      type: "page",
      page: 3,
      activeMs: 30 * 60_000,
      visitorId,
    }));
    expect((await beacon(share.token, claims)).status).toBe(204);
    const listed = (await server.client({ token: rep }).shares.list.query({ assetId: asset.assetId }))[0];
    // ten hours claimed; what counts is no more than the visit has lasted, plus a flush's grace
    expect(listed?.activeMs).toBeGreaterThan(0);
    expect(listed?.activeMs).toBeLessThanOrEqual(Date.now() - started + VISIT_GRACE_MS);
    const pageEvents = (await eventsOf(share.id)).filter((e) => e.type === "prospect_page");
    expect(pageEvents.reduce((a, e) => a + Number(e.props.activeMs), 0)).toBe(listed?.activeMs);

    const md = await makeAsset(server.deps.database.db, server.deps.storage, {
      source: "markdown",
      file: { data: "# Card", kind: "markdown", fileName: "card.md" },
    });
    const mdShare = await server.client({ token: rep }).shares.create.mutate({ assetId: md.assetId });
    for (const page of [2, 99_999]) {
      const res = await beacon(mdShare.token, { type: "page", page, activeMs: 1000, visitorId });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe("page: the document has 1 page(s)");
    }
    expect((await beacon(mdShare.token, { type: "page", page: 1, activeMs: 1000, visitorId })).status).toBe(
      204,
    );
  });

  it("counts rotating visitor ids from one browser as one visitor, another browser apart", async () => {
    const asset = await pdfAsset();
    const share = await server.client({ token: rep }).shares.create.mutate({ assetId: asset.assetId });
    for (let i = 0; i < 40; i += 1) {
      expect((await beacon(share.token, { type: "open", visitorId: `rotating-${i}-visitor` })).status).toBe(
        204,
      );
    }
    const firefox = {
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    };
    expect((await beacon(share.token, { type: "open", visitorId: "firefox-visitor" }, firefox)).status).toBe(
      204,
    );
    const listed = (await server.client({ token: rep }).shares.list.query({ assetId: asset.assetId }))[0];
    expect(listed).toMatchObject({ opens: 2, uniqueVisitors: 2 });
    const { items } = await server.client({ token: marketer }).analytics.engagement.query({
      assetIds: [asset.assetId],
    });
    expect(items[0]).toMatchObject({ opens: 41, uniqueVisitors: 2 });
  });

  it("gives each client its own budget, so one abuser cannot lock the link's prospect out", async () => {
    const asset = await pdfAsset();
    const share = await server.client({ token: rep }).shares.create.mutate({ assetId: asset.assetId });
    const client = (n: number) => ({ "user-agent": `curl/8.5.${n}` }); // counted by the limiter, never written
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1)
      statuses.push(
        (await beacon(share.token, { type: "open", visitorId: `rate-visitor-${i}` }, client(0))).status,
      );
    expect(statuses.slice(0, 60).every((s) => s === 204)).toBe(true);
    // new visitor ids from the same client do not buy a new budget
    const limited = await beacon(share.token, { type: "open", visitorId: "rate-visitor-fresh" }, client(0));
    expect(limited.status).toBe(429);
    // the wait left in the minute-long window
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    // more clients spend the link's budget (600 a minute); past their fair share they are refused
    let last = 0;
    for (let n = 1; n <= 12 && last !== 429; n += 1) {
      for (let i = 0; i < 60 && last !== 429; i += 1) {
        last = (await beacon(share.token, { type: "open", visitorId: "rate-visitor-1" }, client(n))).status;
      }
    }
    expect(last).toBe(429);
    // the prospect arriving now still reads, and flushes every few seconds, unhindered
    const prospect: number[] = [];
    for (let i = 0; i < 15; i += 1)
      prospect.push(
        (await beacon(share.token, { type: "page", page: 1, activeMs: 10, visitorId: "real-prospect-1" }))
          .status,
      );
    expect(prospect.every((s) => s === 204)).toBe(true);
  });
});
