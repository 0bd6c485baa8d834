import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAsset, makeDeal } from "../../testing/deal-factories";
import { codeOf } from "../../testing/refusal";
import type { TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";

let server: TestServer;
let rep: string;
let repId: string;
let teammate: string;
let teammateId: string;
let otherRep: string;
let otherRepId: string;
let admin: string;
let marketer: string;

beforeAll(async () => {
  ({
    server,
    ids: { rep: repId, teammate: teammateId, otherRep: otherRepId },
    tokens: { rep, teammate, otherRep, admin, marketer },
  } = await openTestWorkspace({
    teams: ["Deals A", "Deals B"],
    users: {
      rep: { role: "rep", team: "Deals A" },
      teammate: { role: "rep", team: "Deals A" },
      otherRep: { role: "rep", team: "Deals B" },
      admin: { role: "admin" },
      marketer: { role: "marketer" },
    },
  }));
  await upsertTerms(server.deps.database.db, server.deps.bus, null, demoTaxonomy);
});
afterAll(() => server?.close());

describe("create and update (no CRM connected)", () => {
  it("lets a rep create a deal they own, with contacts and history, and edit it", async () => {
    const c = server.client({ token: rep });
    const created = await c.deals.create.mutate({
      name: "Globex pilot",
      accountName: "Globex",
      accountDomain: "globex.example",
      stage: "discovery",
      amount: 5000,
      currency: "jpy",
      contacts: [{ email: "Hank@Globex.example", name: "Hank", title: "CTO" }],
    });
    expect(created).toMatchObject({
      ownerId: repId,
      status: "open",
      amount: 5000,
      currency: "JPY",
      closedAt: null,
    });
    await c.deals.update.mutate({ id: created.id, patch: { stage: "proposal" } });
    const lost = await c.deals.update.mutate({ id: created.id, patch: { stage: "closed_lost" } });
    expect(lost.status).toBe("lost");
    expect(lost.closedAt).not.toBeNull();
    const got = await c.deals.get.query({ id: created.id });
    expect(got.contacts).toEqual([{ email: "hank@globex.example", name: "Hank", title: "CTO" }]);
    expect(got.stageHistory.map((h) => [h.fromStage, h.toStage])).toEqual([
      [null, "discovery"],
      ["discovery", "proposal"],
      ["proposal", "closed_lost"],
    ]);
  });

  it("names an unknown stage, and keeps reps to their own deals", async () => {
    const c = server.client({ token: rep });
    await expect(c.deals.create.mutate({ name: "X", stage: "hot lead" })).rejects.toThrow(
      /stage: unknown stage key "hot_lead"/,
    );
    const theirs = await makeDeal(server.deps.database.db, { ownerId: teammateId });
    // a teammate's deal is visible, but only its owner (or an admin) edits it
    expect((await c.deals.get.query({ id: theirs.id })).id).toBe(theirs.id);
    expect(await codeOf(c.deals.update.mutate({ id: theirs.id, patch: { name: "Mine now" } }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(c.deals.create.mutate({ name: "Gift", stage: "demo", ownerId: teammateId }))).toBe(
      "FORBIDDEN",
    );
    const byAdmin = await server
      .client({ token: admin })
      .deals.update.mutate({ id: theirs.id, patch: { name: "Renamed by admin" } });
    expect(byAdmin.name).toBe("Renamed by admin");
    expect(
      await codeOf(server.client({ token: marketer }).deals.create.mutate({ name: "M", stage: "demo" })),
    ).toBe("FORBIDDEN");
  });
});

describe("visibility", () => {
  it("shows reps their own and their team's deals; marketers and admins see all", async () => {
    const { db } = server.deps.database;
    const own = await makeDeal(db, { ownerId: repId, name: "Vis own" });
    const team = await makeDeal(db, { ownerId: teammateId, name: "Vis team" });
    const other = await makeDeal(db, { ownerId: otherRepId, name: "Vis other" });
    const unowned = await makeDeal(db, { name: "Vis unowned" });
    const names = async (token: string) =>
      (await server.client({ token }).deals.list.query({ q: "Vis " })).items.map((d) => d.name).sort();
    expect(await names(rep)).toEqual(["Vis own", "Vis team"]);
    expect(await names(teammate)).toEqual(["Vis own", "Vis team"]);
    expect(await names(otherRep)).toEqual(["Vis other"]);
    expect(await names(marketer)).toHaveLength(4);
    expect(await codeOf(server.client({ token: rep }).deals.get.query({ id: other.id }))).toBe("NOT_FOUND");
    expect(await codeOf(server.client({ token: rep }).deals.get.query({ id: unowned.id }))).toBe("NOT_FOUND");
    const mine = await server.client({ token: rep }).deals.list.query({ owner: "me", q: "Vis " });
    expect(mine.items.map((d) => d.id)).toEqual([own.id]);
    expect(
      (
        await server
          .client({ token: admin })
          .deals.list.query({ status: ["open"], stage: ["discovery"], q: "Vis team" })
      ).items.map((d) => d.id),
    ).toEqual([team.id]);
  });

  it("lists the touched assets the caller may see, with counts and first/last touch", async () => {
    const { db } = server.deps.database;
    const d = await makeDeal(db, { ownerId: repId, createdAt: new Date(Date.now() - 2 * 86_400_000) });
    const visible = await makeAsset(db, server.deps.storage, { title: "Touched visible" });
    const draft = await makeAsset(db, server.deps.storage, { title: "Touched draft", status: "draft" });
    const c = server.client({ token: rep });
    // times of the extension's offline queue: a few hours back
    const [first, last] = [5, 2].map((hours) => new Date(Date.now() - hours * 3_600_000).toISOString());
    await c.events.track.mutate({
      events: [
        {
          id: crypto.randomUUID(),
          type: "link_inserted",
          assetId: visible.assetId,
          dealId: d.id,
          surface: "gmail",
          at: first,
        },
        {
          id: crypto.randomUUID(),
          type: "link_copied",
          assetId: visible.assetId,
          dealId: d.id,
          surface: "portal",
          at: last,
        },
      ],
    });
    await server.client({ token: marketer }).events.track.mutate({
      events: [
        {
          id: crypto.randomUUID(),
          type: "asset_viewed",
          assetId: draft.assetId,
          dealId: d.id,
          surface: "portal",
        },
      ],
    });
    const got = await c.deals.get.query({ id: d.id });
    expect(got.assets).toEqual([
      {
        assetId: visible.assetId,
        title: "Touched visible",
        touches: 2,
        firstTouchAt: first,
        lastTouchAt: last,
      },
    ]);
    expect((await server.client({ token: marketer }).deals.get.query({ id: d.id })).assets).toHaveLength(2);
  });
});

describe("match", () => {
  it("matches contacts exactly, then account domains (subdomains too, webmail never), own open deals first", async () => {
    const { db } = server.deps.database;
    const contactDeal = await makeDeal(db, {
      ownerId: teammateId,
      name: "Initech contact",
      accountDomain: "initech.example",
      contacts: [{ email: "Peter@Initech.example" }],
    });
    const ownDomainDeal = await makeDeal(db, {
      ownerId: repId,
      name: "Initech own",
      accountDomain: "initech.example",
    });
    const ownClosed = await makeDeal(db, {
      ownerId: repId,
      name: "Initech closed",
      accountDomain: "initech.example",
      status: "lost",
      stage: "closed_lost",
    });
    await makeDeal(db, { ownerId: otherRepId, name: "Initech hidden", accountDomain: "initech.example" });
    const gmailDeal = await makeDeal(db, {
      ownerId: repId,
      name: "Gmail account",
      accountDomain: "gmail.com",
    });

    const c = server.client({ token: rep });
    const matched = await c.deals.match.query({
      recipientEmails: ["peter@initech.example", "someone@gmail.com"],
    });
    expect(matched.map((d) => [d.name, d.match, d.mine])).toEqual([
      ["Initech own", "domain", true],
      ["Initech contact", "contact", false],
      ["Initech closed", "domain", true],
    ]);
    expect(matched[1]?.matchedEmails).toEqual(["peter@initech.example"]);
    expect(matched.map((d) => d.id)).not.toContain(gmailDeal.id);

    const sub = await c.deals.match.query({ recipientEmails: ["joan@eu.initech.example"] });
    expect(sub.map((d) => d.id)).toEqual([ownDomainDeal.id, contactDeal.id, ownClosed.id]);
    expect(await c.deals.match.query({ recipientEmails: ["nobody@unknown.example"] })).toEqual([]);
  });
});

describe("roles", () => {
  it("gives a rep FORBIDDEN on admin and marketer procedures", async () => {
    const c = server.client({ token: rep });
    expect(
      await codeOf(c.deals.importCsv.mutate({ csv: "externalId,name,stage\n1,a,demo\n", dryRun: true })),
    ).toBe("FORBIDDEN");
    expect(await codeOf(server.client().deals.list.query({}))).toBe("UNAUTHORIZED");
  });
});
