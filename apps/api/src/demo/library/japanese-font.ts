import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Debian's fonts-ipafont-gothic, and the alternatives link Debian keeps for it. */
const KNOWN_PATHS = [
  "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
  "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
  "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
];
/** Single-font TrueType/OpenType files with Japanese glyphs (collections, .ttc, need a face name: skipped). */
const FONT_NAMES = /^(ipag|ipaexg|ipagp|fonts-japanese-gothic|ipam|ipaexm)\.(ttf|otf)$/i;

async function findUnder(dir: string, depth: number): Promise<string | null> {
  if (depth < 0) return null;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries)
    if (entry.isFile() && FONT_NAMES.test(entry.name)) return path.join(dir, entry.name);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const found = await findUnder(path.join(dir, entry.name), depth - 1);
    if (found) return found;
  }
  return null;
}

/**
 * The bytes of a Japanese font (IPA Gothic) when the machine has one, else null:
 * Japanese PDFs need it, and without it the demo writes those documents as DOCX.
 */
export async function findJapaneseFont(
  searchDirs = ["/usr/share/fonts", "/usr/local/share/fonts"],
): Promise<Uint8Array | null> {
  for (const candidate of KNOWN_PATHS) {
    const bytes = await readFile(candidate).catch(() => null);
    if (bytes) return bytes;
  }
  for (const dir of searchDirs) {
    const found = await findUnder(dir, 4);
    if (found) return readFile(found);
  }
  return null;
}
