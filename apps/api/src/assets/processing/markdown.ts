/** True when plain text carries Markdown syntax: headings, links, fences, emphasis, tables or lists. */
export function looksLikeMarkdown(text: string): boolean {
  if (/^#{1,6}[ \t]+\S/m.test(text)) return true;
  if (/!?\[[^\]\n]+\]\([^)\s]+(?:\s+"[^"\n]*")?\)/.test(text)) return true;
  if (/^[ \t]{0,3}(?:```|~~~)/m.test(text)) return true;
  if (/(\*\*|__)\S(?:[^\n]*?\S)?\1/.test(text)) return true;
  if (/(?<![\w*])\*\S(?:[^*\n]*?\S)?\*(?![\w*])/.test(text)) return true;
  if (/^\|?[ \t]*:?-{3,}:?[ \t]*\|/m.test(text)) return true;
  const listItems = text.match(/^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S/gm);
  return (listItems?.length ?? 0) >= 2;
}

/** Escaped punctuation (`\*`) waits in the Private Use Area while the syntax goes, so it is never taken for syntax. */
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!|>~])/g;
const PARKED_BASE = 0xe000;
const PARKED = /[\ue000-\ue07f]/g;

/** The words of a Markdown document without its syntax, line structure kept, for search. */
export function stripMarkdown(markdown: string): string {
  return (
    markdown
      .replace(/\r\n?/g, "\n")
      .replace(ESCAPED, (_, char: string) => String.fromCharCode(PARKED_BASE + char.charCodeAt(0)))
      // fences go, their code stays (it is often the very word searched for)
      .replace(/^[ \t]{0,3}(?:```|~~~).*$/gm, "")
      .replace(/^[ \t]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*$/gm, "")
      .replace(/^[ \t]{0,3}(?:[-*_][ \t]*){3,}$/gm, "")
      .replace(/^[ \t]{0,3}=+[ \t]*$/gm, "")
      .replace(/^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/gm, "")
      .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm, "$1")
      .replace(/^[ \t]*(?:>[ \t]?)+/gm, "")
      .replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, "")
      .replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, "$1")
      .replace(/\[([^\]\n]+)\]\([^)\n]*\)/g, "$1")
      .replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, "$1")
      .replace(/<((?:https?|mailto):[^>\s]+)>/g, "$1")
      .replace(/<\/?[a-zA-Z][^>\n]*>/g, "")
      .replace(/(`+)([^`\n]+?)\1/g, "$2")
      .replace(/(\*\*|__)(\S(?:[^\n]*?\S)?)\1/g, "$2")
      .replace(/(?<![\w*])\*(\S(?:[^*\n]*?\S)?)\*(?![\w*])/g, "$1")
      .replace(/(?<![\p{L}\p{N}_])_(\S(?:[^_\n]*?\S)?)_(?![\p{L}\p{N}_])/gu, "$1")
      .replace(/~~(\S(?:[^\n]*?\S)?)~~/g, "$1")
      .replace(/^[ \t]*\|[ \t]*(.*?)[ \t]*\|?[ \t]*$/gm, "$1")
      .replace(/[ \t]*\|[ \t]*/g, "  ")
      .replace(PARKED, (char) => String.fromCharCode(char.charCodeAt(0) - PARKED_BASE))
      .replace(/[ \t]+$/gm, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}
