import { emailDomain, isPersonalDomain, sortDealMatches } from "@pitchside/shared";
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { seesEverything, visibleAssetsWhere } from "../assets/visibility";
import { writeAudit } from "../audit";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { markDealAssetsForIndexing } from "../db/outbox";
import { assetDealTouches, assets, dealContacts, dealStageHistory, deals, users } from "../db/schema";
import { AppError } from "../errors";
import type { SessionUser } from "../identity/users-service";
import { toContactDto, toDealDto, toStageChangeDto } from "./deal-dto";
import {
  type DealContactInput,
  type DealFields,
  type DealListInput,
  type DealPatch,
  statusFor,
} from "./deal-input";
import { knownStages } from "./deal-sync";
import { visibleDealsWhere } from "./deal-visibility";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listDeals(db: Db, user: SessionUser, f: DealListInput) {
  const conditions: SQL[] = [visibleDealsWhere(user)];
  if (f.externalId) conditions.push(eq(deals.externalId, f.externalId));
  if (f.owner) conditions.push(eq(deals.ownerId, f.owner === "me" ? user.id : f.owner));
  if (f.status?.length) conditions.push(inArray(deals.status, f.status));
  if (f.stage?.length) conditions.push(inArray(deals.stage, f.stage));
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    const match = or(
      ilike(deals.name, pattern),
      ilike(deals.accountName, pattern),
      ilike(deals.accountDomain, pattern),
      eq(deals.externalId, f.q),
    );
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  const rows = await db
    .select({ deal: deals, ownerName: users.name })
    .from(deals)
    .leftJoin(users, eq(users.id, deals.ownerId))
    .where(where)
    .orderBy(desc(deals.updatedAt), asc(deals.id))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(deals).where(where);
  return { items: rows.map((r) => toDealDto(r.deal, r.ownerName)), total: count?.n ?? 0 };
}

async function loadVisible(db: Db, user: SessionUser, id: string) {
  const [row] = await db
    .select({ deal: deals, ownerName: users.name })
    .from(deals)
    .leftJoin(users, eq(users.id, deals.ownerId))
    .where(and(eq(deals.id, id), visibleDealsWhere(user)));
  // not found and not allowed answer alike: existence is not revealed
  if (!row) throw new AppError("NOT_FOUND", `No deal with id ${id}`);
  return row;
}

/** A deal with its contacts, stage history and the assets that touched it (those the caller may see). */
export async function getDeal(db: Db, user: SessionUser, id: string) {
  const { deal, ownerName } = await loadVisible(db, user, id);
  const [contacts, history, touched] = await Promise.all([
    db.select().from(dealContacts).where(eq(dealContacts.dealId, id)).orderBy(asc(dealContacts.email)),
    db
      .select()
      .from(dealStageHistory)
      .where(eq(dealStageHistory.dealId, id))
      .orderBy(asc(dealStageHistory.changedAt), asc(dealStageHistory.id)),
    db
      .select({
        assetId: assetDealTouches.assetId,
        title: assets.title,
        touches: assetDealTouches.count,
        firstTouchAt: assetDealTouches.firstTouchAt,
        lastTouchAt: assetDealTouches.lastTouchAt,
      })
      .from(assetDealTouches)
      .innerJoin(assets, eq(assets.id, assetDealTouches.assetId))
      .where(and(eq(assetDealTouches.dealId, id), visibleAssetsWhere(user)))
      .orderBy(desc(assetDealTouches.lastTouchAt)),
  ]);
  return {
    ...toDealDto(deal, ownerName),
    contacts: contacts.map(toContactDto),
    stageHistory: history.map(toStageChangeDto),
    assets: touched.map((t) => ({
      ...t,
      firstTouchAt: t.firstTouchAt.toISOString(),
      lastTouchAt: t.lastTouchAt.toISOString(),
    })),
  };
}

/** With a CRM connected the CRM owns deals; hand edits would be overwritten by its next sync. */
function requireNoCrm(config: Config) {
  if (config.crmWebhookSecret) {
    throw new AppError(
      "FORBIDDEN",
      "Deals come from the connected CRM here (CRM_WEBHOOK_SECRET is set): change the deal in the CRM and it syncs to Pitchside",
    );
  }
}

async function requireStage(db: Db, stage: string) {
  if (!(await knownStages(db)).has(stage))
    throw new AppError("BAD_REQUEST", `stage: unknown stage key "${stage}"`);
}

async function requireOwner(db: Db, actor: SessionUser, ownerId: string | undefined): Promise<string> {
  if (ownerId === undefined || ownerId === actor.id) return actor.id;
  if (actor.role !== "admin")
    throw new AppError("FORBIDDEN", "ownerId: only an admin may give a deal to someone else");
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.id, ownerId));
  if (!owner) throw new AppError("BAD_REQUEST", `ownerId: no user with id ${ownerId}`);
  return owner.id;
}

const uniqueContacts = (contacts: DealContactInput[]) => [
  ...new Map(contacts.map((c) => [c.email, c])).values(),
];

export async function createDeal(db: Db, config: Config, actor: SessionUser, input: DealFields) {
  requireNoCrm(config);
  await requireStage(db, input.stage);
  const ownerId = await requireOwner(db, actor, input.ownerId);
  const status = statusFor(input.stage, input.status);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(deals)
      .values({
        name: input.name,
        accountName: input.accountName,
        accountDomain: input.accountDomain,
        industry: input.industry,
        stage: input.stage,
        status,
        amount: input.amount,
        currency: input.currency,
        closedAt: status === "open" ? null : (input.closedAt ?? new Date()),
        ownerId,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await tx.insert(dealStageHistory).values({ dealId: row.id, toStage: row.stage, source: "manual" });
    const contacts = uniqueContacts(input.contacts);
    if (contacts.length > 0)
      await tx.insert(dealContacts).values(contacts.map((c) => ({ ...c, dealId: row.id })));
    await writeAudit(tx, actor.id, "deal.create", "deal", row.id, { name: row.name, stage: row.stage });
    return toDealDto(row);
  });
}

export async function updateDeal(db: Db, config: Config, actor: SessionUser, id: string, patch: DealPatch) {
  requireNoCrm(config);
  const { deal: current } = await loadVisible(db, actor, id);
  if (!seesEverything(actor) && current.ownerId !== actor.id) {
    throw new AppError("FORBIDDEN", "Only the deal's owner or an admin may change it");
  }
  if (patch.stage !== undefined && patch.stage !== current.stage) await requireStage(db, patch.stage);
  const ownerId =
    patch.ownerId === undefined ? current.ownerId : await requireOwner(db, actor, patch.ownerId);
  const stage = patch.stage ?? current.stage;
  // a stage change without a status follows the stage; otherwise the status stays
  const status = patch.status ?? (patch.stage !== undefined ? statusFor(stage, undefined) : current.status);
  const closedAt =
    status === "open"
      ? null
      : (patch.closedAt ?? (current.status === status ? current.closedAt : null) ?? new Date());
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(deals)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.accountName !== undefined ? { accountName: patch.accountName } : {}),
        ...(patch.accountDomain !== undefined ? { accountDomain: patch.accountDomain } : {}),
        ...(patch.industry !== undefined ? { industry: patch.industry } : {}),
        ...(patch.amount !== undefined ? { amount: patch.amount } : {}),
        ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
        stage,
        status,
        closedAt,
        ownerId,
        updatedAt: new Date(),
      })
      .where(eq(deals.id, id))
      .returning();
    if (!row) throw new AppError("NOT_FOUND", `No deal with id ${id}`);
    if (status !== current.status || closedAt?.getTime() !== current.closedAt?.getTime()) {
      await markDealAssetsForIndexing(tx, id);
    }
    if (stage !== current.stage) {
      await tx
        .insert(dealStageHistory)
        .values({ dealId: id, fromStage: current.stage, toStage: stage, source: "manual" });
    }
    if (patch.contacts !== undefined) {
      await tx.delete(dealContacts).where(eq(dealContacts.dealId, id));
      const contacts = uniqueContacts(patch.contacts);
      if (contacts.length > 0)
        await tx.insert(dealContacts).values(contacts.map((c) => ({ ...c, dealId: id })));
    }
    await writeAudit(tx, actor.id, "deal.update", "deal", id, { ...patch, contacts: patch.contacts?.length });
    return toDealDto(row);
  });
}

/** "eu.mail.acme.co.jp" → ["eu.mail.acme.co.jp", "mail.acme.co.jp", "acme.co.jp", "co.jp"]: a deal on any parent matches. */
function domainAndParents(domain: string): string[] {
  const labels = domain.split(".");
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i += 1) out.push(labels.slice(i).join("."));
  return out;
}

export type DealMatch = ReturnType<typeof toDealDto> & {
  match: "contact" | "domain";
  matchedEmails: string[];
  mine: boolean;
};

/**
 * The deals a message to these recipients is probably about: deals with one of
 * them as a contact, then deals whose account domain is theirs; the caller's
 * own open deals come first, then contact matches, then open deals, newest first.
 */
export async function matchDeals(
  db: Db,
  user: SessionUser,
  recipientEmails: string[],
  limit = 20,
): Promise<DealMatch[]> {
  const emails = [
    ...new Set(recipientEmails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes("@"))),
  ];
  if (emails.length === 0) return [];
  const found = new Map<string, { match: "contact" | "domain"; matchedEmails: Set<string> }>();

  const byContact = await db
    .select({ dealId: dealContacts.dealId, email: sql<string>`lower(${dealContacts.email})` })
    .from(dealContacts)
    .innerJoin(deals, eq(deals.id, dealContacts.dealId))
    .where(and(inArray(sql`lower(${dealContacts.email})`, emails), visibleDealsWhere(user)));
  for (const r of byContact) {
    const hit = found.get(r.dealId) ?? { match: "contact" as const, matchedEmails: new Set<string>() };
    hit.matchedEmails.add(r.email);
    found.set(r.dealId, hit);
  }

  const domainsOf = new Map<string, string[]>();
  for (const email of emails) {
    const domain = emailDomain(email);
    if (!domain || isPersonalDomain(domain)) continue;
    for (const d of domainAndParents(domain)) domainsOf.set(d, [...(domainsOf.get(d) ?? []), email]);
  }
  if (domainsOf.size > 0) {
    const byDomain = await db
      .select({ id: deals.id, domain: deals.accountDomain })
      .from(deals)
      .where(and(inArray(deals.accountDomain, [...domainsOf.keys()]), visibleDealsWhere(user)));
    for (const r of byDomain) {
      const hit = found.get(r.id) ?? { match: "domain" as const, matchedEmails: new Set<string>() };
      if (hit.match === "domain")
        for (const e of domainsOf.get(r.domain ?? "") ?? []) hit.matchedEmails.add(e);
      found.set(r.id, hit);
    }
  }
  if (found.size === 0) return [];

  const rows = await db
    .select({ deal: deals, ownerName: users.name })
    .from(deals)
    .leftJoin(users, eq(users.id, deals.ownerId))
    .where(inArray(deals.id, [...found.keys()]));
  const ranked = rows.map(({ deal, ownerName }) => {
    const hit = found.get(deal.id);
    return {
      ...toDealDto(deal, ownerName),
      match: hit?.match ?? "domain",
      matchedEmails: [...(hit?.matchedEmails ?? [])].sort(),
      mine: deal.ownerId === user.id,
    };
  });
  return sortDealMatches(ranked).slice(0, limit);
}
