import { z } from "zod";
import type { Db } from "../db/client";
import { readSetting, writeSetting } from "../db/settings-store";

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
  const parsed = currencySettingsSchema.safeParse(await readSetting(db, SETTINGS_KEY));
  return parsed.success ? parsed.data : defaultCurrencySettings;
}

export async function saveCurrencySettings(
  db: Db,
  actorId: string | null,
  value: CurrencySettings,
): Promise<CurrencySettings> {
  return writeSetting(db, actorId, SETTINGS_KEY, value);
}
