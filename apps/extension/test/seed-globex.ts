import {
  demoTaxonomy,
  makeDeal,
  makeLinkAsset,
  makeUser,
  type TestServer,
  upsertTerms,
} from "@pitchside/api/testing";

/** The buyer in the Gmail compose fixtures. */
export const CONTACT = "dana.scully@globex-industries.test";

/**
 * What the browser tests start from: the demo taxonomy, a marketer, the rep Riley with an open
 * Globex deal whose contact is the fixtures' CFO, and the one-pager for deals that mention Acme.
 */
export async function seedGlobexDeal(server: TestServer) {
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  await server.deps.searchIndex.syncSynonyms();
  const marketer = await makeUser(db, { role: "marketer" });
  const rep = await makeUser(db, { role: "rep", name: "Riley Rep" });
  const cardId = await makeLinkAsset(db, marketer, {
    title: "Beating Acme on total cost",
    summary: "For buyers comparing us with Acme on price and rollout time.",
    type: "one_pager",
    competitors: ["acme"],
  });
  const deal = await makeDeal(db, {
    name: "Globex Industries rollout",
    ownerId: rep.id,
    stage: "proposal",
    contacts: [{ email: CONTACT, name: "Dana Scully", title: "CFO" }],
  });
  return { db, marketer, rep, cardId, dealId: deal.id };
}
