import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { catalogs } from "./catalogs";
import { initialLanguage, type Language } from "./language";

/** One i18next instance per app (and per test), both languages bundled: they are a few KiB. */
export function createI18n(language: Language = initialLanguage()): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: catalogs,
    ns: Object.keys(catalogs.en),
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
