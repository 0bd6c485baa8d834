import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * foldForMatch (@pitchside/shared) as a Postgres expression, for the search that runs on the
 * database while Meilisearch is away: NFKC, lowercase, katakana read as hiragana, middle dots as
 * spaces, spaces between Japanese letters and the long-vowel mark and its stand-ins after kana
 * dropped. A fixed number of passes where foldForMatch repeats until stable, and a Japanese letter is a
 * code point in the CJK and kana blocks rather than by Unicode script: search-spelling.test.ts checks
 * that both agree on the spellings people type.
 */
const katakana = String.fromCharCode(
  ...Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => 0x30a1 + i),
  0x30fd,
  0x30fe,
);
const hiragana = [...katakana].map((c) => String.fromCharCode(c.charCodeAt(0) - 0x60)).join("");
const separators = "\u30fb\u00b7\u2027\u2022\u30a0";
const from = katakana + separators;
const to = hiragana + " ".repeat(separators.length);
const kana = "\u3041-\u3096\u3099\u309a\u309d\u309e";
const longVowel = `(?<=[${kana}])[\u30fc\u2010-\u2015\u2212\u301c~-]+`;
const japanese = "\u3001-\u303f\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const spaceInJapanese = `(?<=[${japanese}]) +(?=[${japanese}])`;

export function foldSql(column: AnyPgColumn | SQL): SQL {
  const spaced = sql`btrim(regexp_replace(translate(lower(normalize(${column}, NFKC)), ${from}, ${to}), '\\s+', ' ', 'g'))`;
  const joined = sql`regexp_replace(${spaced}, ${spaceInJapanese}, '', 'g')`;
  // spaces, marks, spaces: what foldForMatch's repeated passes reach in the cases people type
  return sql`regexp_replace(regexp_replace(${joined}, ${longVowel}, '', 'g'), ${spaceInJapanese}, '', 'g')`;
}
