import type { i18n } from "i18next";
import type { Catalogs } from "./catalog-shape";
import type { Language } from "./language";

// one chunk per language, fetched when that language is first shown
const loaders: Record<Language, () => Promise<{ default: Catalogs }>> = {
  en: () => import("./catalog-en"),
  ja: () => import("./catalog-ja"),
};
const loaded = new Map<Language, Promise<Catalogs>>();

/** A language's strings, fetched once; a failed fetch (offline for a moment) is tried again next time. */
export function loadCatalogs(language: Language): Promise<Catalogs> {
  let pending = loaded.get(language);
  if (!pending) {
    pending = loaders[language]().then((module) => module.default);
    pending.catch(() => loaded.delete(language));
    loaded.set(language, pending);
  }
  return pending;
}

/** Adds a language's strings to an instance that lacks them (before switching to it). */
export async function ensureLanguage(instance: i18n, language: Language): Promise<void> {
  if (instance.hasResourceBundle(language, "translation")) return;
  const catalogs = await loadCatalogs(language);
  for (const [namespace, catalog] of Object.entries(catalogs)) {
    instance.addResourceBundle(language, namespace, catalog, true, false);
  }
}
