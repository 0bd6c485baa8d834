export const languages = ["en", "ja"] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = "pitchside.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** The first of the browser's preferred languages we speak (`ja-JP` → `ja`), else English. */
export function languageFromBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split("-")[0];
    if (isLanguage(primary)) return primary;
  }
  return "en";
}

export function rememberedLanguage(): Language | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined; // storage can be blocked (privacy settings); fall back to the browser's choice
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered on this device; the account's saved locale still applies at sign-in
  }
}

export function initialLanguage(): Language {
  return rememberedLanguage() ?? languageFromBrowser(navigator.languages ?? [navigator.language]);
}
