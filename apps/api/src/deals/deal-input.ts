import { type DealStatus, dealStatuses } from "@pitchside/shared";
import { emailSchema } from "@pitchside/shared/schemas";
import { z } from "zod";

/** Taxonomy stages are the open pipeline; these two close a deal. */
export const CLOSING_STAGES = ["closed_won", "closed_lost"] as const;

/** "Closed Won", "closed-won" and "closed_won" are the same key. */
export const normalizeStage = (stage: string) =>
  stage
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** "https://www.Acme.com/pricing" → "acme.com"; IDNs become punycode; null when it is no host name. */
export function normalizeDomain(input: string): string | null {
  const bare = input
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/^[^@/]*@/, "")
    .split(/[/?#]/)[0];
  if (!bare) return null;
  let host: string;
  try {
    host = new URL(`http://${bare}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/^www\./, "").replace(/\.$/, "");
  return /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(host) ? host : null;
}

export const domainSchema = z
  .string()
  .max(300)
  .transform((v, ctx) => {
    const domain = normalizeDomain(v);
    if (!domain) ctx.addIssue({ code: "custom", message: "must be a domain name such as acme.com" });
    return domain ?? "";
  });

/** Up to 15 digits and 2 decimals, as a number or a numeric string; kept as a numeric string. */
export const amountSchema = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d+(?:\.\d+)?$/, "must be a number such as 12500.00"),
  ])
  .transform((v) => Number(v))
  .pipe(
    z
      .number()
      .min(0, "must not be negative")
      .max(999_999_999_999_999, "is too large")
      .transform((n) => n.toFixed(2)),
  );

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as USD or JPY");

/** An instant with an offset, or a day ("2025-03-31", read as midnight UTC). */
export const closedAtSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "must be an ISO date or date-time" })
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v));

export const contactSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(200).default(""),
  title: z.string().trim().max(200).default(""),
});
export type DealContactInput = z.infer<typeof contactSchema>;

/** One deal as the CRM webhook and the CSV import deliver it. */
export const dealRecordSchema = z.object({
  externalId: z.string().trim().min(1, "is required").max(200),
  name: z.string().trim().min(1, "is required").max(300),
  accountName: z.string().trim().max(300).default(""),
  accountDomain: domainSchema.nullish(),
  industry: z.string().trim().max(100).nullish(),
  stage: z.string().min(1, "is required").max(100).transform(normalizeStage),
  amount: amountSchema.nullish(),
  currency: currencySchema.default("USD"),
  status: z.enum(dealStatuses).optional(),
  closedAt: closedAtSchema.nullish(),
  ownerEmail: emailSchema.nullish(),
  contacts: z.array(contactSchema).max(500).default([]),
});
export type DealRecord = z.infer<typeof dealRecordSchema>;

const stageSchema = z.string().min(1).max(100).transform(normalizeStage);

/** deals.create: a deal as a rep or an admin enters it while no CRM is connected. */
export const dealFieldsSchema = z.object({
  name: z.string().trim().min(1).max(300),
  accountName: z.string().trim().max(300).default(""),
  accountDomain: domainSchema.nullable().default(null),
  industry: z.string().trim().max(100).nullable().default(null),
  stage: stageSchema,
  status: z.enum(dealStatuses).optional(),
  amount: amountSchema.nullable().default(null),
  currency: currencySchema.default("USD"),
  closedAt: closedAtSchema.nullable().default(null),
  contacts: z.array(contactSchema).max(200).default([]),
  ownerId: z.uuid().optional(),
});
export type DealFields = z.infer<typeof dealFieldsSchema>;

/** deals.update: the fields that change. */
export const dealPatchSchema = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  accountName: z.string().trim().max(300).optional(),
  accountDomain: domainSchema.nullable().optional(),
  industry: z.string().trim().max(100).nullable().optional(),
  stage: stageSchema.optional(),
  status: z.enum(dealStatuses).optional(),
  amount: amountSchema.nullable().optional(),
  currency: currencySchema.optional(),
  closedAt: closedAtSchema.nullable().optional(),
  contacts: z.array(contactSchema).max(200).optional(),
  ownerId: z.uuid().optional(),
});
export type DealPatch = z.infer<typeof dealPatchSchema>;

/** deals.list: filters and page. */
export const dealListInputSchema = z
  .object({
    externalId: z.string().max(200).optional(),
    owner: z.union([z.literal("me"), z.uuid()]).optional(),
    status: z.array(z.enum(dealStatuses)).max(3).optional(),
    stage: z.array(stageSchema).max(50).optional(),
    q: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 50, offset: 0 });
export type DealListInput = z.infer<typeof dealListInputSchema>;

/** A status follows from a closing stage when none is given. */
export function statusFor(stage: string, status: DealStatus | undefined): DealStatus {
  if (status) return status;
  if (stage === "closed_won") return "won";
  if (stage === "closed_lost") return "lost";
  return "open";
}

/** "contacts.0.email: must be ..." — the path a zod issue names, joined the way our errors are. */
export const issuePath = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("");
