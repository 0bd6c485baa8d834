import type { dealContacts, dealStageHistory, deals } from "../db/schema";

type DealRow = typeof deals.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A deal as every client sees it: plain JSON, dates as ISO strings, amount as a number. */
export function toDealDto(row: DealRow, ownerName: string | null = null) {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    accountName: row.accountName,
    accountDomain: row.accountDomain,
    industry: row.industry,
    stage: row.stage,
    status: row.status,
    amount: row.amount === null ? null : Number(row.amount),
    currency: row.currency,
    closedAt: iso(row.closedAt),
    ownerId: row.ownerId,
    ownerName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type DealDto = ReturnType<typeof toDealDto>;

export const toContactDto = (c: typeof dealContacts.$inferSelect) => ({
  email: c.email,
  name: c.name,
  title: c.title,
});

export const toStageChangeDto = (h: typeof dealStageHistory.$inferSelect) => ({
  fromStage: h.fromStage,
  toStage: h.toStage,
  changedAt: h.changedAt.toISOString(),
  source: h.source,
});
