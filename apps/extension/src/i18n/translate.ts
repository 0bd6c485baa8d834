import { en, type MessageKey } from "./en";
import { ja } from "./ja";

export type UiLanguage = "en" | "ja";

/** The browser's language decides: Japanese for ja*, English otherwise. */
export function browserLanguage(languages: readonly string[] = navigator.languages ?? [navigator.language]) {
  return languages[0]?.toLowerCase().startsWith("ja") ? "ja" : ("en" as UiLanguage);
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
