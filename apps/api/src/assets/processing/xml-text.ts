/** Which elements (by local name, any namespace prefix) make up the text of an XML part. */
export interface XmlTextSpec {
  /** Elements whose character data is the text (`w:t`, `a:t`). */
  text: readonly string[];
  /** Elements whose end starts a new line (`w:p`, `a:p`). */
  block: readonly string[];
  /** Empty elements that stand for a line break (`w:br`). */
  lineBreak?: readonly string[];
  /** Empty elements that stand for a tab (`w:tab`). */
  tab?: readonly string[];
  /** Empty elements that stand for spaces, as many as their `c` attribute says (ODF `text:s`). */
  space?: readonly string[];
  /** Runs of white space in character data read as one space, so indentation never reaches the text (ODF). */
  collapseSpace?: boolean;
  /** Elements whose whole content is left out (phonetic guides, fields). */
  skip?: readonly string[];
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;

const localName = (qName: string) => qName.slice(qName.indexOf(":") + 1);

/** At most this many spaces from one `text:s`: a hostile count must not build a huge string. */
const MAX_SPACES = 100;

/** The text of an OOXML or OpenDocument part: kept elements' character data, one line per block element. */
export function xmlText(xml: string, spec: XmlTextSpec): string {
  const text = new Set(spec.text);
  const block = new Set(spec.block);
  const lineBreak = new Set(spec.lineBreak ?? []);
  const tab = new Set(spec.tab ?? []);
  const space = new Set(spec.space ?? []);
  const skip = new Set(spec.skip ?? []);
  const out: string[] = [];
  let inText = 0;
  let skipping = 0;
  // with collapseSpace, a space is dropped at the start of a line and right after another collapsed one
  let dropSpace = true;
  const push = (piece: string, collapsed = false) => {
    out.push(piece);
    dropSpace = piece.endsWith("\n") || (collapsed && (piece.endsWith(" ") || (piece === "" && dropSpace)));
  };
  for (const match of xml.matchAll(TOKEN)) {
    const [, cdata, closing, qName, attributes, selfClosing, chars] = match;
    if (chars !== undefined || cdata !== undefined) {
      if (inText === 0 || skipping > 0) continue;
      const data = chars !== undefined ? decodeEntities(chars) : (cdata ?? "");
      if (!spec.collapseSpace) push(data);
      else {
        const collapsed = data.replace(/[ \t\r\n]+/g, " ");
        push(dropSpace && collapsed.startsWith(" ") ? collapsed.slice(1) : collapsed, true);
      }
      continue;
    }
    if (qName === undefined) continue;
    const name = localName(qName);
    if (skip.has(name)) {
      if (!selfClosing) skipping += closing ? -1 : 1;
      skipping = Math.max(0, skipping);
      continue;
    }
    if (skipping > 0) continue;
    if (closing) {
      if (text.has(name)) inText = Math.max(0, inText - 1);
      if (block.has(name)) push("\n");
    } else if (selfClosing) {
      if (lineBreak.has(name) || block.has(name)) push("\n");
      else if (tab.has(name)) push("\t");
      else if (space.has(name) && inText > 0) push(" ".repeat(spaceCount(attributes ?? "")));
    } else {
      // a block inside text (an ODF footnote's paragraph) starts a line of its own
      if (block.has(name) && inText > 0) push("\n");
      if (text.has(name)) inText += 1;
    }
  }
  return tidyLines(out.join(""));
}

/** `c` of a `text:s`: how many spaces it stands for. */
function spaceCount(attributes: string): number {
  const c = Object.entries(parseAttributes(attributes)).find(([n]) => localName(n) === "c")?.[1];
  const count = Number.parseInt(c ?? "1", 10);
  return Number.isFinite(count) && count > 0 ? Math.min(count, MAX_SPACES) : 1;
}

/** Attributes of every element with this local name, in document order. */
export function xmlElements(xml: string, name: string): Array<Record<string, string>> {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)/?>`, "g");
  return [...xml.matchAll(pattern)].map((m) => parseAttributes(m[1] ?? ""));
}

/** Character data of the first element with this local name, or null. */
export function xmlElementText(xml: string, name: string): string | null {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s>])[^>]*>([^<]*)</(?:[\\w.-]+:)?${name}>`);
  const found = pattern.exec(xml)?.[1];
  return found === undefined ? null : decodeEntities(found);
}

export interface XmlElement {
  attributes: Record<string, string>;
  /** The XML between the start and end tags; "" for an empty element. */
  content: string;
}

/**
 * Every element with this local name that is not inside another one, with its
 * attributes and content, in document order (the slides of an ODP, the sheets
 * of an ODS).
 */
export function xmlOutermostElements(xml: string, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  let depth = 0;
  let start = 0;
  let attributes: Record<string, string> = {};
  for (const match of xml.matchAll(TOKEN)) {
    const [whole, , closing, qName, source, selfClosing] = match;
    if (qName === undefined || localName(qName) !== name) continue;
    if (selfClosing) {
      if (depth === 0) found.push({ attributes: parseAttributes(source ?? ""), content: "" });
    } else if (closing) {
      if (depth === 0) continue;
      depth -= 1;
      if (depth === 0) found.push({ attributes, content: xml.slice(start, match.index) });
    } else {
      if (depth === 0) {
        attributes = parseAttributes(source ?? "");
        start = match.index + whole.length;
      }
      depth += 1;
    }
  }
  return found;
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of source.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const [, name, double, single] = m;
    if (name !== undefined) attributes[name] = decodeEntities(double ?? single ?? "");
  }
  return attributes;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g, (whole, dec, hex, named) => {
    if (named) return NAMED[named as string] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec as string, 10) : Number.parseInt(hex as string, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/** Trailing spaces off every line, at most one blank line in a row, no blank start or end. */
export function tidyLines(text: string): string {
  return text
    .replace(/[ \t\u00a0]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

/** Non-empty pieces of text (slides, a slide and its notes), a blank line between them. */
export function joinBlocks(parts: readonly string[]): string {
  return tidyLines(parts.filter((p) => p.length > 0).join("\n\n"));
}
