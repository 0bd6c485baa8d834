import { type Surface, surfaces } from "@pitchside/shared";
import type { TFunction } from "i18next";

const isSurface = (key: string): key is Surface => (surfaces as readonly string[]).includes(key);

/** A surface's name in the UI language ("Outlook", "共有リンク"); an unknown key reads as itself. */
export function surfaceLabel(t: TFunction<"analytics">, key: string): string {
  return isSurface(key) ? t(`surfaces.${key}`) : key;
}
