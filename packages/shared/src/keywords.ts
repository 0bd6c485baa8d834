import { normalizeText } from "./text-normalize";

export const DEFAULT_MAX_KEYWORDS = 8;

// Function words plus the filler every business email carries.
const ENGLISH_STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
  each few for from further get gets got had hadn't has hasn't have haven't having he he'd he'll he's her here
  here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
  just let let's like me more most much must mustn't my myself no nor not now of off on once only or other
  ought our ours ourselves out over own same shall shan't she she'd she'll she's should shouldn't so some such
  than that that's the their theirs them themselves then there there's these they they'd they'll they're
  they've this those through to too under until up us very via was wasn't we we'd we'll we're we've were
  weren't what what's when when's where where's which while who who's whom why why's will with won't would
  wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves
  hi hello hey dear thanks thank thx regards best cheers sincerely kind warm wishes please pls appreciate
  appreciated hope hoping well great good nice glad happy sure okay ok fyi asap re fw fwd email emails mail
  sent send sending reply replied attached attachment attachments below above know let looking forward touch
  base call chat meeting today tomorrow yesterday week weeks day days time monday tuesday wednesday thursday
  friday saturday sunday morning afternoon evening one two also again still really quick quickly
  actually across follow-up following thing things keeps keeping coming internally honestly frankly basically
  quite maybe perhaps probably already though wondering wanted wants something anything everything nothing
  someone anyone everyone seems seemed lot lots bit able`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

// Kanji/katakana runs that are greetings, honorifics or email plumbing rather than topics.
const JAPANESE_FILLER = new Set([
  "世話",
  "大変",
  "本日",
  "先日",
  "先程",
  "今回",
  "今後",
  "以上",
  "以下",
  "引続",
  "何卒",
  "失礼",
  "恐縮",
  "連絡",
  "返信",
  "送信",
  "件名",
  "確認",
  "検討",
  "御社",
  "弊社",
  "貴社",
  "当社",
  "株式会社",
  "有限会社",
  "担当",
  "担当者",
  "皆様",
  "各位",
  "メール",
  "ミーティング",
  "打合",
  "添付",
  "資料",
  "日時",
  "午前",
  "午後",
]);

const URL_OR_EMAIL = /\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+/giu;
const ENGLISH_WORD = /[\p{Script=Latin}\p{N}][\p{Script=Latin}\p{N}'-]*/gu;
const JAPANESE_RUN = /[\p{Script=Han}\p{Script=Katakana}々〆ヶー]{2,}/gu;
const JAPANESE_RUN_WHOLE = new RegExp(`^${JAPANESE_RUN.source}$`, "u");

/** One keyword candidate of a text, where it starts in the normalized text. */
export interface KeywordToken {
  keyword: string;
  at: number;
  /** Japanese runs have no spaces inside: a vocabulary may still find its words in them. */
  script: "latin" | "japanese";
}

interface Tally {
  count: number;
  firstAt: number;
}

function englishKeyword(word: string): string | null {
  const stripped = word.replace(/'s$/, "").replace(/^[-']+|[-']+$/g, "");
  if (stripped.length < 3 || /^[\p{N}'-]+$/u.test(stripped)) return null;
  if (ENGLISH_STOPWORDS.has(stripped) || ENGLISH_STOPWORDS.has(word)) return null;
  return stripped;
}

/** A run that is a topic rather than a greeting or an honorific. */
export function isJapaneseKeyword(run: string): boolean {
  return JAPANESE_RUN_WHOLE.test(run) && !/^ー/.test(run) && !JAPANESE_FILLER.has(run);
}

/**
 * Every keyword candidate of a text, in order: lowercase English words minus
 * stopwords and email filler; for Japanese, which has no spaces, runs of
 * kanji/katakana of length >= 2.
 */
export function keywordTokens(text: string): KeywordToken[] {
  const normalized = normalizeText(text).replace(URL_OR_EMAIL, " ");
  const tokens: KeywordToken[] = [];
  for (const match of normalized.matchAll(ENGLISH_WORD)) {
    const keyword = englishKeyword(match[0]);
    if (keyword !== null) tokens.push({ keyword, at: match.index, script: "latin" });
  }
  for (const match of normalized.matchAll(JAPANESE_RUN)) {
    if (isJapaneseKeyword(match[0])) tokens.push({ keyword: match[0], at: match.index, script: "japanese" });
  }
  return tokens;
}

/** Up to `max` distinct keywords, most frequent first (ties: first seen first). */
export function rankKeywords(tokens: readonly KeywordToken[], max = DEFAULT_MAX_KEYWORDS): string[] {
  const tallies = new Map<string, Tally>();
  for (const { keyword, at } of tokens) {
    const tally = tallies.get(keyword);
    if (tally) tally.count += 1;
    else tallies.set(keyword, { count: 1, firstAt: at });
  }
  return [...tallies.entries()]
    .sort(([, a], [, b]) => b.count - a.count || a.firstAt - b.firstAt)
    .slice(0, Math.max(0, max))
    .map(([keyword]) => keyword);
}

/** Up to `max` salient keywords of a text (see keywordTokens), most frequent first. */
export function extractKeywords(text: string, max = DEFAULT_MAX_KEYWORDS): string[] {
  return rankKeywords(keywordTokens(text), max);
}
