import type { i18n } from "i18next";
import { createI18n } from "../src/i18n";
import en from "../src/i18n/catalog-en";
import ja from "../src/i18n/catalog-ja";
import type { Language } from "../src/i18n/language";

/** All UI strings, both languages: language → namespace → catalog (the app loads one at a time). */
export const catalogs = { en, ja };

/** An i18next instance with both languages already in it, ready at once: for tests. */
export function createBundledI18n(language: Language = "en"): i18n {
  return createI18n(language, catalogs);
}
