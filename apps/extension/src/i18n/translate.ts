import { en, type MessageKey } from "./en";
import { ja } from "./ja";

export type UiLanguage = "en" | "ja";

/** The browser's language decides: Japanese for ja*, English otherwise. */
export function browserLanguage(languages: readonly string[] = navigator.languages ?? [navigator.language]) {
  return languages[0]?.toLowerCase().startsWith("ja") ? "ja" : ("en" as UiLanguage);
}

/**
 * The page's own UI language (Gmail, Outlook and LinkedIn set it on <html>), so a Japanese Gmail in
 * an English Chrome gets a Japanese panel; Chrome's language when the page names none we speak.
 */
export function pageLanguage(
  doc: Document,
  fallback: () => UiLanguage = () => browserLanguage(),
): UiLanguage {
  const tag = (doc.documentElement.getAttribute("lang") ?? "").toLowerCase();
  if (tag.startsWith("ja")) return "ja";
  if (tag.startsWith("en")) return "en";
  return fallback();
}

export function translate(lang: UiLanguage, key: MessageKey, vars: Record<string, string> = {}): string {
  const template: string = (lang === "ja" ? ja : en)[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? "");
}

export type Translate = (key: MessageKey, vars?: Record<string, string>) => string;

export const translator =
  (lang: UiLanguage = browserLanguage()): Translate =>
  (key, vars) =>
    translate(lang, key, vars);
