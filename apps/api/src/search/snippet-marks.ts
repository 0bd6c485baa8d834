import { foldForSearch } from "./search-fold";

/** Length of the fold of `text`'s first `end` characters. */
const foldedLength = (text: string, end: number) => foldForSearch(text.slice(0, end)).length;

/** The original position where the folded text reaches `at`: first (`"start"`) or last (`"end"`) such. */
function originalAt(text: string, at: number, side: "start" | "end"): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = side === "start" ? Math.ceil((low + high) / 2) : Math.floor((low + high) / 2);
    const length = foldedLength(text, mid);
    if (side === "start") {
      if (length <= at) low = mid;
      else high = mid - 1;
    } else if (length >= at) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Marks, in an original text, where folded `words` occur in its fold: a match found only through
 * another spelling (ｱｸﾒ for アクメ, データーフォージ for データフォージ) still shows on the words
 * as written. Marks already in the text stay; overlapping ones merge.
 */
export function markFoldedWords(text: string, words: string[], open: string, close: string): string {
  if (words.length === 0) return text;
  const ranges: [number, number][] = [];
  let plain = "";
  for (const [i, part] of text.split(open).entries()) {
    const [inside, after] = part.includes(close) && i > 0 ? part.split(close, 2) : [null, part];
    if (inside !== null) {
      ranges.push([plain.length, plain.length + inside.length]);
      plain += inside;
    }
    plain += after ?? "";
  }
  const folded = foldForSearch(plain);
  for (const word of words) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) {
      const start = originalAt(plain, at, "start");
      let end = originalAt(plain, at + word.length, "end");
      // what folds away after the word is part of it (the ﾞ of ｼﾞ, a trailing ー)
      const length = foldedLength(plain, end);
      while (end < plain.length && !/\s/u.test(plain[end] ?? "") && foldedLength(plain, end + 1) === length)
        end++;
      const trimmed = plain.slice(start, end);
      const lead = trimmed.length - trimmed.trimStart().length;
      const trail = trimmed.length - trimmed.trimEnd().length;
      if (end - trail > start + lead) ranges.push([start + lead, end - trail]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let out = "";
  let from = 0;
  let current: [number, number] | null = null;
  const flush = () => {
    if (!current) return;
    out += plain.slice(from, current[0]) + open + plain.slice(current[0], current[1]) + close;
    from = current[1];
  };
  for (const range of ranges) {
    if (current && range[0] <= current[1]) current[1] = Math.max(current[1], range[1]);
    else {
      flush();
      current = [...range];
    }
  }
  flush();
  return out + plain.slice(from);
}
