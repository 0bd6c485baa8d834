import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ensureLanguage } from "./catalog-loader";
import { isLanguage, type Language, rememberLanguage } from "./language";

/** The current UI language and a setter that also remembers it on this device. */
export function useLanguage() {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : "en";
  const setLanguage = useCallback(
    async (next: Language) => {
      rememberLanguage(next);
      await ensureLanguage(i18n, next);
      await i18n.changeLanguage(next);
    },
    [i18n],
  );
  return { language, setLanguage };
}
