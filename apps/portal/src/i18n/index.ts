import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { loadCatalogs } from "./catalog-loader";
import type { Catalogs } from "./catalog-shape";
import { initialLanguage, type Language } from "./language";

/**
 * One i18next instance per app (and per test) over the given strings. The app loads only the
 * language it shows (`startI18n`); tests pass both (`createBundledI18n` in ./bundled).
 */
export function createI18n(language: Language, resources: Partial<Record<Language, Catalogs>>): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    ns: Object.keys(resources[language] ?? resources.en ?? {}),
    defaultNS: "translation",
    lng: language,
    fallbackLng: "en",
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  const setDocumentLanguage = (lng: string) => {
    document.documentElement.lang = lng;
  };
  setDocumentLanguage(language);
  instance.on("languageChanged", setDocumentLanguage);
  return instance;
}

/** The app's instance, once the language it starts in has been fetched (one chunk). */
export async function startI18n(language: Language = initialLanguage()): Promise<i18n> {
  return createI18n(language, { [language]: await loadCatalogs(language) });
}
