import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { markDealAssetsForIndexing } from "../db/outbox";
import { dealContacts, dealStageHistory, deals, taxonomyTerms, users } from "../db/schema";
import { CLOSING_STAGES, type DealContactInput, type DealRecord, statusFor } from "./deal-input";

export type SyncSource = "crm" | "csv";

export interface SyncWarning {
  externalId: string;
  field: string;
  message: string;
}

export interface SyncResult {
  results: { externalId: string; id: string; action: "created" | "updated" | "unchanged" | "stale" }[];
  warnings: SyncWarning[];
  created: number;
  updated: number;
  unchanged: number;
  /** Older (by the CRM's modification time) than what is stored: ignored. */
  stale: number;
}

/** A deal to sync; from the CRM with its modification time there, which orders deliveries. */
export type SyncRecord = DealRecord & { updatedAt?: Date };

/** Stage keys a deal may carry: the taxonomy's stages plus the two closing ones. */
export async function knownStages(db: Db): Promise<Set<string>> {
  const rows = await db
    .select({ key: taxonomyTerms.key })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.kind, "stage"));
  return new Set([...rows.map((r) => r.key), ...CLOSING_STAGES]);
}

/** Lower-cased email → user id, for the owners named in a batch. */
export async function ownersByEmail(db: Db, emails: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, wanted));
  return new Map(rows.map((r) => [r.email, r.id]));
}

const contactKey = (contacts: readonly DealContactInput[]) =>
  JSON.stringify(
    [...contacts]
      .map((c) => [c.email.toLowerCase(), c.name, c.title])
      .sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? "")),
  );

/** Later duplicates of an email in one deal replace earlier ones. */
const uniqueContacts = (contacts: readonly DealContactInput[]) => [
  ...new Map(contacts.map((c) => [c.email.toLowerCase(), { ...c, email: c.email.toLowerCase() }])).values(),
];

/**
 * Creates or updates deals by external id, inside the caller's transaction.
 * An unchanged deal is not written at all (replays change nothing); a stage
 * change appends to the history; an unknown stage is kept and reported; a
 * record older than the stored CRM modification time is ignored as stale.
 */
export async function syncDeals(
  tx: Db,
  records: readonly SyncRecord[],
  source: SyncSource,
): Promise<SyncResult> {
  const stages = await knownStages(tx);
  const owners = await ownersByEmail(
    tx,
    records.flatMap((r) => (r.ownerEmail ? [r.ownerEmail] : [])),
  );
  const out: SyncResult = { results: [], warnings: [], created: 0, updated: 0, unchanged: 0, stale: 0 };
  const now = new Date();

  for (const record of records) {
    const warn = (field: string, message: string) =>
      out.warnings.push({ externalId: record.externalId, field, message });
    if (!stages.has(record.stage)) {
      warn("stage", `unknown stage key "${record.stage}" kept as is; add it to the taxonomy to label it`);
    }
    let ownerId: string | null | undefined;
    if (record.ownerEmail) {
      ownerId = owners.get(record.ownerEmail.toLowerCase());
      if (!ownerId)
        warn("ownerEmail", `no user with email ${record.ownerEmail}; the owner is left unchanged`);
    }
    const status = statusFor(record.stage, record.status);
    const contacts = uniqueContacts(record.contacts);
    const values = {
      name: record.name,
      accountName: record.accountName,
      accountDomain: record.accountDomain ?? null,
      industry: record.industry ?? null,
      stage: record.stage,
      status,
      amount: record.amount ?? null,
      currency: record.currency,
    };

    // insert-or-nothing first: two deliveries of a new deal racing each other cannot both create it
    const [inserted] = await tx
      .insert(deals)
      .values({
        ...values,
        externalId: record.externalId,
        closedAt: status === "open" ? null : (record.closedAt ?? now),
        ownerId: ownerId ?? null,
        crmUpdatedAt: record.updatedAt ?? null,
      })
      .onConflictDoNothing({ target: deals.externalId })
      .returning({ id: deals.id });
    if (inserted) {
      await tx
        .insert(dealStageHistory)
        .values({ dealId: inserted.id, fromStage: null, toStage: record.stage, changedAt: now, source });
      if (contacts.length > 0) {
        await tx.insert(dealContacts).values(contacts.map((c) => ({ ...c, dealId: inserted.id })));
      }
      out.results.push({ externalId: record.externalId, id: inserted.id, action: "created" });
      out.created += 1;
      continue;
    }

    const [current] = await tx
      .select()
      .from(deals)
      .where(eq(deals.externalId, record.externalId))
      .for("no key update");
    if (!current) throw new Error(`deal ${record.externalId} vanished during the sync`);
    // a delivery overtaken by a newer one (a slow retry, a replay) must not roll the deal back
    if (record.updatedAt && current.crmUpdatedAt && record.updatedAt < current.crmUpdatedAt) {
      out.results.push({ externalId: record.externalId, id: current.id, action: "stale" });
      out.stale += 1;
      continue;
    }
    if (record.updatedAt && record.updatedAt > (current.crmUpdatedAt ?? new Date(0))) {
      // the newest modification time is kept even when nothing else changed (not a change: updatedAt stays)
      await tx.update(deals).set({ crmUpdatedAt: record.updatedAt }).where(eq(deals.id, current.id));
    }
    const closedAt =
      status === "open"
        ? null
        : (record.closedAt ?? (current.status === status ? current.closedAt : null) ?? now);
    const next = { ...values, closedAt, ownerId: ownerId === undefined ? current.ownerId : ownerId };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => {
      const a = next[k];
      const b = current[k];
      return a instanceof Date || b instanceof Date
        ? (a as Date | null)?.getTime() !== (b as Date | null)?.getTime()
        : k === "amount"
          ? (a === null ? null : Number(a)) !== (b === null ? null : Number(b))
          : a !== b;
    });
    const existingContacts = await tx.select().from(dealContacts).where(eq(dealContacts.dealId, current.id));
    const contactsChanged = contactKey(existingContacts) !== contactKey(contacts);
    if (changed.length === 0 && !contactsChanged) {
      out.results.push({ externalId: record.externalId, id: current.id, action: "unchanged" });
      out.unchanged += 1;
      continue;
    }
    if (changed.length > 0) {
      await tx
        .update(deals)
        .set({ ...next, updatedAt: now })
        .where(eq(deals.id, current.id));
      if (changed.includes("status") || changed.includes("closedAt")) {
        await markDealAssetsForIndexing(tx, current.id);
      }
    }
    if (current.stage !== record.stage) {
      await tx.insert(dealStageHistory).values({
        dealId: current.id,
        fromStage: current.stage,
        toStage: record.stage,
        changedAt: now,
        source,
      });
    }
    if (contactsChanged) {
      await tx.delete(dealContacts).where(eq(dealContacts.dealId, current.id));
      if (contacts.length > 0) {
        await tx.insert(dealContacts).values(contacts.map((c) => ({ ...c, dealId: current.id })));
      }
      if (changed.length === 0) {
        await tx.update(deals).set({ updatedAt: now }).where(eq(deals.id, current.id));
      }
    }
    out.results.push({ externalId: record.externalId, id: current.id, action: "updated" });
    out.updated += 1;
  }
  return out;
}
