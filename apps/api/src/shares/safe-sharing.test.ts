import { TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, makeAsset, makeDeal } from "../../testing/deal-factories";
import { makeUser, uploadFile } from "../../testing/factories";
import { loginToken, type TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";
import { linkVisits, shareLinks } from "../db/schema";
import { summarizeFinishedVisits, VISIT_OVER_AFTER_MS } from "../tracking/link-visits";

let server: TestServer;
let smtp: SMTPServer;
const mails: { to: string; raw: string }[] = [];
let rep: string;
let repId: string;
let marketer: string;
let marketer2: string;
let pdf: Buffer;

async function makePdf(label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 2; i += 1)
    doc.addPage([400, 500]).drawText(`${label} ${i}`, { x: 50, y: 400, size: 30, font });
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  // a real SMTP server for the email alerts, on a free port
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as { port: number }).port;
  ({
    server,
    ids: { rep: repId },
    tokens: { rep, marketer, marketer2 },
  } = await openTestWorkspace({
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Pitchside <alerts@example.test>" },
    users: {
      rep: { role: "rep", name: "Ren Rep", email: "ren@example.test" },
      marketer: { role: "marketer" },
      marketer2: { role: "marketer" },
    },
  }));
  pdf = await makePdf("Page");
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return "OK";
  } catch (err) {
    if (err instanceof TRPCClientError) return `${(err.data as { code: string }).code}: ${err.message}`;
    throw err;
  }
};
const asset = (over: Parameters<typeof makeAsset>[2] = {}) =>
  makeAsset(server.deps.database.db, server.deps.storage, {
    title: "Harbor Steel case study",
    file: { data: pdf, kind: "pdf", fileName: "harbor.pdf", pageCount: 2 },
    ...over,
  });
const page = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/s/${token}`, {
    headers: { "user-agent": BROWSER_UA, ...headers },
    redirect: "manual",
  });
const beacon = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v/${token}/events`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": BROWSER_UA, ...headers },
    body: JSON.stringify(body),
  });
const unlock = (token: string, form: Record<string, string>) =>
  fetch(`${server.url}/s/${token}/unlock`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": BROWSER_UA },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
const notes = async (token: string, kind: string) =>
  (await server.client({ token }).notifications.list.query()).items.filter((n) => n.kind === kind);

describe("only live content for buyers leaves", () => {
  it("refuses internal, draft, in-review and expired assets, naming why", async () => {
    const c = server.client({ token: rep });
    const internal = await asset({ title: "Acme battle card", type: "battle_card", audience: "internal" });
    const draft = await asset({ title: "Draft deck", status: "draft" });
    const review = await asset({ title: "Review deck", status: "in_review" });
    const expired = await asset({ title: "Old promo", expiresAt: new Date(Date.now() - 60_000) });
    // a rep cannot even see drafts; a marketer can, and is refused too
    expect(await refusal(c.shares.create.mutate({ assetId: internal.assetId }))).toMatch(
      /^FORBIDDEN: "Acme battle card" is internal: it is for sellers only/,
    );
    const m = server.client({ token: marketer });
    expect(await refusal(m.shares.create.mutate({ assetId: draft.assetId }))).toMatch(
      /^BAD_REQUEST: .*a draft/,
    );
    expect(await refusal(m.shares.create.mutate({ assetId: review.assetId }))).toMatch(
      /^BAD_REQUEST: .*in review/,
    );
    expect(await refusal(m.shares.create.mutate({ assetId: expired.assetId }))).toMatch(
      /^BAD_REQUEST: .*expired/,
    );
    expect(await refusal(c.rooms.create.mutate({ assetIds: [internal.assetId] }))).toMatch(/^FORBIDDEN/);
  });

  it("gives a type its workspace default audience, an asset its own, and follows a type change", async () => {
    const m = server.client({ token: marketer });
    const meta = {
      stages: [],
      personas: [],
      industries: [],
      competitors: [],
      objections: [],
      tags: [],
      teams: [],
    };
    const card = await m.assets.createLink.mutate({
      url: "https://example.com/card",
      meta: { title: "Card", type: "battle_card", ...meta },
    });
    expect((await m.assets.get.query({ id: card.assetId })).audience).toBe("internal");
    const story = await m.assets.createLink.mutate({
      url: "https://example.com/s",
      meta: { title: "Story", type: "case_study", ...meta },
    });
    expect((await m.assets.get.query({ id: story.assetId })).audience).toBe("external");
    await m.assets.update.mutate({ id: story.assetId, patch: { type: "objection_guide" } });
    expect((await m.assets.get.query({ id: story.assetId })).audience).toBe("internal");
    await m.assets.update.mutate({ id: story.assetId, patch: { audience: "external" } });
    expect((await m.assets.get.query({ id: story.assetId })).audience).toBe("external");

    const admin = await makeUser(server.deps.database.db, { role: "admin" });
    const a = server.client({ token: await loginToken(server, admin.email, admin.password) });
    const settings = await a.admin.workspace.query();
    await a.admin.updateWorkspace.mutate({
      ...settings,
      audienceByType: { ...settings.audienceByType, whitepaper: "internal" },
    });
    const paper = await m.assets.createLink.mutate({
      url: "https://example.com/w",
      meta: { title: "Paper", type: "whitepaper", ...meta },
    });
    expect((await m.assets.get.query({ id: paper.assetId })).audience).toBe("internal");
    await a.admin.updateWorkspace.mutate(settings);
  });

  it("ends links at once when their asset is archived, unpublished or made internal, tells their makers, and lets them work again when it is live", async () => {
    const a = await asset({ title: "Pricing one-pager" });
    const links = await Promise.all(
      [1, 2].map(
        async () => (await server.client({ token: rep }).shares.create.mutate({ assetId: a.assetId })).token,
      ),
    );
    expect((await page(links[0] ?? "")).status).toBe(200);
    const m = server.client({ token: marketer });
    await m.assets.setStatus.mutate({ id: a.assetId, status: "draft" });
    for (const token of links) {
      expect((await page(token)).status).toBe(410);
      expect((await fetch(`${server.url}/s/${token}/file`)).status).toBe(410);
    }
    const ended = (await notes(rep, "link_ended")).filter((n) => n.payload.assetId === a.assetId);
    expect(ended).toHaveLength(1);
    expect(ended[0]?.payload).toMatchObject({ reason: "draft", links: 2, assetTitle: "Pricing one-pager" });

    await m.assets.setStatus.mutate({ id: a.assetId, status: "published" });
    expect((await page(links[0] ?? "")).status).toBe(200);
    await m.assets.update.mutate({ id: a.assetId, patch: { audience: "internal" } });
    expect((await page(links[0] ?? "")).status).toBe(410);
    const again = (await notes(rep, "link_ended")).filter((n) => n.payload.assetId === a.assetId);
    expect(again.map((n) => n.payload.reason)).toEqual(["internal", "draft"]);
  });
});

describe("versions and links", () => {
  it("a link follows the live version unless pinned; with reviews on, a new version waits for another marketer", async () => {
    const m = server.client({ token: marketer });
    const up = await uploadFile(
      server.url,
      { token: marketer },
      { name: "v1.pdf", data: await makePdf("First"), meta: { title: "Story", type: "case_study" } },
    );
    await server.settle();
    const id = up.body.assetId ?? "";
    await m.assets.setStatus.mutate({ id, status: "published" });
    const following = (await server.client({ token: rep }).shares.create.mutate({ assetId: id })).token;
    const pinned = (
      await server.client({ token: rep }).shares.create.mutate({ assetId: id, pinVersion: true })
    ).token;
    const fileText = async (token: string) =>
      (await (await fetch(`${server.url}/s/${token}/file`)).arrayBuffer()).byteLength;
    const v1Size = await fileText(following);

    // reviews off: a new version goes live at once, and the following link shows it
    await uploadFile(
      server.url,
      { token: marketer },
      { name: "v2.pdf", data: await makePdf("Second version, longer"), assetId: id },
    );
    await server.settle();
    expect(await fileText(following)).not.toBe(v1Size);
    expect(await fileText(pinned)).toBe(v1Size);

    const admin = await makeUser(server.deps.database.db, { role: "admin" });
    const a = server.client({ token: await loginToken(server, admin.email, admin.password) });
    const settings = await a.admin.workspace.query();
    await a.admin.updateWorkspace.mutate({ ...settings, reviewNewVersions: true });
    try {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(await makePdf("Third"))]), "v3.pdf");
      form.append("assetId", id);
      form.append("changeNote", "New FY26 figures on page 2");
      const res = await fetch(`${server.url}/api/uploads`, {
        method: "POST",
        headers: { authorization: `Bearer ${marketer}` },
        body: form,
      });
      const v3 = (await res.json()) as { versionId: string; awaitingReview: boolean };
      expect(v3.awaitingReview).toBe(true);
      await server.settle();
      const seen = await m.assets.get.query({ id });
      expect(seen.pendingVersionId).toBe(v3.versionId);
      expect(seen.currentVersionId).not.toBe(v3.versionId);
      expect(seen.changes).toMatchObject({
        versionId: v3.versionId,
        changeNote: "New FY26 figures on page 2",
        pagesChanged: [1, 2],
      });
      expect(
        (await server.client({ token: rep }).assets.get.query({ id })).versions.map((v) => v.id),
      ).not.toContain(v3.versionId);

      expect(await refusal(m.assets.approveVersion.mutate({ versionId: v3.versionId }))).toMatch(
        /^FORBIDDEN: You made this change/,
      );
      await server.client({ token: marketer2 }).assets.approveVersion.mutate({ versionId: v3.versionId });
      expect((await m.assets.get.query({ id })).currentVersionId).toBe(v3.versionId);
    } finally {
      await a.admin.updateWorkspace.mutate(settings);
    }
  });
});

describe("link controls", () => {
  it("asks for an email first, records it on the visit, and keeps the file behind the gate", async () => {
    const a = await asset({ title: "Gated story" });
    const share = await server
      .client({ token: rep })
      .shares.create.mutate({ assetId: a.assetId, requireEmail: true, name: "Acme — follow-up" });
    const gate = await (await page(share.token)).text();
    expect(gate).toContain('name="email"');
    expect(gate).toContain("not checked");
    expect(gate).not.toContain("data-kind");
    expect((await fetch(`${server.url}/s/${share.token}/file`)).status).toBe(403);
    expect((await unlock(share.token, { email: "not-an-email" })).status).toBe(400);
    const passed = await unlock(share.token, { email: "Kim@Acme.example" });
    expect(passed.status).toBe(303);
    const cookie = (passed.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(await (await page(share.token, { cookie })).text()).toContain('data-kind="pdf"');
    expect((await fetch(`${server.url}/s/${share.token}/file`, { headers: { cookie } })).status).toBe(200);
    expect((await beacon(share.token, { type: "open", visitorId: "gated-visitor" })).status).toBe(403);
    expect((await beacon(share.token, { type: "open", visitorId: "gated-visitor" }, { cookie })).status).toBe(
      204,
    );
    const [visit] = await server.deps.database.db
      .select()
      .from(linkVisits)
      .where(eq(linkVisits.shareId, share.id));
    expect(visit?.email).toBe("kim@acme.example");
    const [listed] = await server.client({ token: rep }).shares.list.query({ assetId: a.assetId });
    expect(listed).toMatchObject({
      name: "Acme — follow-up",
      requireEmail: true,
      emails: ["kim@acme.example"],
    });
  });

  it("checks a passcode (stored only hashed) and stops guessing", async () => {
    const a = await asset({ title: "Passcode story" });
    const share = await server
      .client({ token: rep })
      .shares.create.mutate({ assetId: a.assetId, passcode: "tulip-42" });
    const [row] = await server.deps.database.db.select().from(shareLinks).where(eq(shareLinks.id, share.id));
    expect(row?.passcodeHash).toMatch(/^\$argon2id\$/);
    expect((await unlock(share.token, { passcode: "wrong" })).status).toBe(401);
    expect((await unlock(share.token, { passcode: "tulip-42" })).status).toBe(303);
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i += 1)
      status = (await unlock(share.token, { passcode: "guess" })).status;
    expect(status).toBe(429);
  });
});

describe("deal rooms and the rep's loop", () => {
  it("one link to three assets for a deal: opens and time count per asset, on the deal, in My links, the bell and the rep's inbox", async () => {
    const { db } = server.deps.database;
    const deal = await makeDeal(db, { ownerId: repId, name: "Acme renewal" });
    const items = await Promise.all(["Story A", "Story B", "Story C"].map((title) => asset({ title })));
    const c = server.client({ token: rep });
    const room = await c.rooms.create.mutate({
      assetIds: items.map((i) => i.assetId),
      dealId: deal.id,
      recipientEmail: "kim@acme.example",
      name: "Acme renewal pack",
      note: "Kim — the three stories we discussed.",
    });
    const roomToken = room.url.split("/s/")[1] ?? "";
    const html = await (await page(roomToken)).text();
    expect(html).toContain("Acme renewal pack");
    expect(html).toContain("the three stories we discussed");
    const itemTokens = [...html.matchAll(/<a class="button" href="\/s\/([A-Za-z0-9_-]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    expect(itemTokens).toHaveLength(3);
    expect((await beacon(roomToken, { type: "open", visitorId: "kim-browser" })).status).toBe(204);
    for (const token of itemTokens.slice(0, 2)) {
      expect(await (await page(token)).text()).toContain("Acme renewal pack");
      expect(
        (
          await beacon(token, [
            { type: "open", visitorId: "kim-browser" },
            { type: "page", page: 1, activeMs: 9000, visitorId: "kim-browser" },
          ])
        ).status,
      ).toBe(204);
    }

    const [listed] = await c.rooms.list.query({ dealId: deal.id });
    expect(listed).toMatchObject({
      name: "Acme renewal pack",
      assetsOpened: 2,
      opens: 2,
      activeMs: 18000,
      state: "active",
    });
    expect(listed?.items.map((i) => i.opens)).toEqual([1, 1, 0]);
    const timeline = await c.deals.get.query({ id: deal.id });
    expect(JSON.stringify(timeline)).toContain("Story A");
    expect(
      (await notes(rep, "share_opened")).filter((n) => n.payload.roomName === "Acme renewal pack"),
    ).toHaveLength(2);
    expect(await notes(rep, "room_opened")).toHaveLength(1);
    expect((await c.notifications.list.query()).unread).toBeGreaterThanOrEqual(3);

    // after the visit, its summary; the alerts went by mail too
    expect(
      await summarizeFinishedVisits(db, new Date(Date.now() + VISIT_OVER_AFTER_MS + 1000)),
    ).toBeGreaterThanOrEqual(2);
    const summary = (await notes(rep, "visit_summary")).find((n) => n.payload.assetTitle === "Story A");
    expect(summary?.payload).toMatchObject({ activeMs: 9000, pagesRead: 1, dealName: "Acme renewal" });
    await server.settle();
    const alerts = mails.filter((m) => m.to === "ren@example.test");
    expect(alerts.length).toBeGreaterThanOrEqual(3);
    const bodies = alerts.map((m) => m.raw).join("\n");
    expect(bodies).toContain('kim@acme.example opened your deal room "Acme renewal pack" (Acme renewal).');
    expect(bodies).toContain('kim@acme.example opened "Story A" (Acme renewal).');

    // the rep changes the room after sending, then ends it
    await c.rooms.update.mutate({ id: listed?.id ?? "", removeAssetIds: [items[2]?.assetId ?? ""] });
    expect(await (await page(roomToken)).text()).not.toContain("Story C");
    await c.rooms.revoke.mutate({ id: listed?.id ?? "" });
    expect((await page(roomToken)).status).toBe(410);
    expect((await page(itemTokens[0] ?? "")).status).toBe(410);
  });
});
