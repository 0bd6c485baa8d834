import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import { settings } from "../db/schema";

const SETTINGS_KEY = "analytics.currency";

const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "an ISO 4217 code such as USD or JPY")
  .transform((code) => code.toUpperCase());

/** Rates say how many units of each currency one unit of a common base buys (e.g. USD base: JPY 150). */
export const currencySettingsSchema = z
  .object({
    reportingCurrency: currencyCode,
    rates: z
      .record(currencyCode, z.number().positive().finite())
      .refine((rates) => Object.keys(rates).length <= 200, "at most 200 rates"),
  })
  .refine((s) => s.reportingCurrency in s.rates, {
    message: "the reporting currency needs a rate",
    path: ["rates"],
  });
export type CurrencySettings = z.infer<typeof currencySettingsSchema>;

export const defaultCurrencySettings: CurrencySettings = { reportingCurrency: "USD", rates: { USD: 1 } };

export async function getCurrencySettings(db: Db): Promise<CurrencySettings> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, SETTINGS_KEY));
  const parsed = currencySettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : defaultCurrencySettings;
}

export async function saveCurrencySettings(
  db: Db,
  actorId: string | null,
  value: CurrencySettings,
): Promise<CurrencySettings> {
  await db
    .insert(settings)
    .values({ key: SETTINGS_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  await writeAudit(db, actorId, "settings.update", "settings", SETTINGS_KEY, value);
  return value;
}
