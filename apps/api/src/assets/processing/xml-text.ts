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
  /** Elements whose whole content is left out (phonetic guides, fields). */
  skip?: readonly string[];
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;

const localName = (qName: string) => qName.slice(qName.indexOf(":") + 1);

/** The text of an OOXML part: kept elements' character data, one line per block element. */
export function xmlText(xml: string, spec: XmlTextSpec): string {
  const text = new Set(spec.text);
  const block = new Set(spec.block);
  const lineBreak = new Set(spec.lineBreak ?? []);
  const tab = new Set(spec.tab ?? []);
  const skip = new Set(spec.skip ?? []);
  const out: string[] = [];
  let inText = 0;
  let skipping = 0;
  for (const match of xml.matchAll(TOKEN)) {
    const [, cdata, closing, qName, , selfClosing, chars] = match;
    if (chars !== undefined || cdata !== undefined) {
      if (inText > 0 && skipping === 0) out.push(chars !== undefined ? decodeEntities(chars) : (cdata ?? ""));
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
      if (block.has(name)) out.push("\n");
    } else if (selfClosing) {
      if (lineBreak.has(name) || block.has(name)) out.push("\n");
      else if (tab.has(name)) out.push("\t");
    } else if (text.has(name)) {
      inText += 1;
    }
  }
  return tidyLines(out.join(""));
}

/** Attributes of every element with this local name, in document order. */
export function xmlElements(xml: string, name: string): Array<Record<string, string>> {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${name}\\b((?:[^>"']|"[^"]*"|'[^']*')*?)/?>`, "g");
  return [...xml.matchAll(pattern)].map((m) => parseAttributes(m[1] ?? ""));
}

/** Character data of the first element with this local name, or null. */
export function xmlElementText(xml: string, name: string): string | null {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>([^<]*)</(?:[\\w.-]+:)?${name}>`);
  const found = pattern.exec(xml)?.[1];
  return found === undefined ? null : decodeEntities(found);
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
