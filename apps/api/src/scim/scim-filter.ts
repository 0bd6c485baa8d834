import { badRequest } from "./scim-errors";

/**
 * The SCIM filters identity providers send (RFC 7644 §3.4.2.2), as far as this server answers them:
 * `attr eq value`, a multi-valued attribute narrowed by one `eq` (`emails[type eq "work"].value eq
 * "…"`), joined by `and`, with parentheses. Anything else is refused with scimType invalidFilter.
 */
export type FilterValue = string | boolean | null;

export interface Comparison {
  /** Lower-cased attribute path without the core schema URN: `username`, `emails.value`. */
  path: string;
  value: FilterValue;
  /** A value filter on the multi-valued attribute: `emails[type eq "work"]` → `{ path: "type", value: "work" }`. */
  where?: { path: string; value: FilterValue };
}

/** Every comparison must hold. */
export type Filter = Comparison[];

/** The longest filter read: providers send one attribute or two; a longer one is no provider's. */
export const MAX_FILTER_LENGTH = 1000;

type Token =
  | { kind: "open" | "close" | "openBracket" | "closeBracket"; at: number }
  | { kind: "word"; text: string; at: number }
  | { kind: "value"; value: FilterValue; at: number };

const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;
const WORD = /[A-Za-z0-9_.:$-]/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === " " || c === "\t") {
      i += 1;
    } else if (c === "(" || c === ")" || c === "[" || c === "]") {
      const kind = c === "(" ? "open" : c === ")" ? "close" : c === "[" ? "openBracket" : "closeBracket";
      tokens.push({ kind, at: i });
      i += 1;
    } else if (c === '"') {
      const end = closingQuote(input, i);
      try {
        tokens.push({ kind: "value", value: JSON.parse(input.slice(i, end + 1)) as string, at: i });
      } catch {
        throw invalid(`the string at character ${i + 1} is not a valid JSON string`);
      }
      i = end + 1;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < input.length && WORD.test(input[j] as string)) j += 1;
      const text = input.slice(i, j);
      const lower = text.toLowerCase();
      if (lower === "true" || lower === "false")
        tokens.push({ kind: "value", value: lower === "true", at: i });
      else if (lower === "null") tokens.push({ kind: "value", value: null, at: i });
      else tokens.push({ kind: "word", text, at: i });
      i = j;
    } else {
      throw invalid(`unexpected character ${JSON.stringify(c)} at ${i + 1}`);
    }
  }
  return tokens;
}

function closingQuote(input: string, start: number): number {
  for (let j = start + 1; j < input.length; j += 1) {
    if (input[j] === "\\") j += 1;
    else if (input[j] === '"') return j;
  }
  throw invalid(`the string starting at character ${start + 1} is not closed`);
}

const invalid = (why: string) => badRequest("invalidFilter", `filter: ${why}`);

const canonicalPath = (text: string) => text.replace(CORE_PREFIX, "").toLowerCase();

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Filter {
    const filter = this.conjunction();
    const extra = this.tokens[this.i];
    if (extra) throw invalid(`unexpected ${describe(extra)} at character ${extra.at + 1}`);
    return filter;
  }

  private conjunction(): Filter {
    const out = this.term();
    for (;;) {
      const next = this.tokens[this.i];
      if (next?.kind !== "word") return out;
      const op = next.text.toLowerCase();
      if (op === "or") throw invalid("`or` is not supported; send one filter per request");
      if (op !== "and") return out;
      this.i += 1;
      out.push(...this.term());
    }
  }

  private term(): Filter {
    const first = this.tokens[this.i];
    if (!first) throw invalid("ends where an attribute was expected");
    if (first.kind === "open") {
      this.i += 1;
      const inner = this.conjunction();
      this.expect("close", "a closing parenthesis");
      return inner;
    }
    if (first.kind === "word" && first.text.toLowerCase() === "not") {
      throw invalid("`not` is not supported");
    }
    const attr = this.word("an attribute name");
    let path = canonicalPath(attr);
    let where: Comparison["where"];
    if (this.tokens[this.i]?.kind === "openBracket") {
      this.i += 1;
      const [inner, ...more] = this.conjunction();
      if (!inner || more.length > 0 || inner.where) throw invalid("a value filter in [ ] holds one `eq`");
      where = { path: inner.path, value: inner.value };
      this.expect("closeBracket", "a closing bracket");
      const sub = this.tokens[this.i];
      if (sub?.kind === "word" && sub.text.startsWith(".")) {
        this.i += 1;
        path += sub.text.toLowerCase();
      }
    }
    const op = this.word("an operator").toLowerCase();
    if (op !== "eq") throw invalid(`the operator ${op} is not supported; only eq (with and)`);
    const value = this.tokens[this.i];
    if (value?.kind !== "value") throw invalid(`a value was expected after ${attr} eq`);
    this.i += 1;
    return [{ path, value: value.value, ...(where ? { where } : {}) }];
  }

  private word(what: string): string {
    const token = this.tokens[this.i];
    if (token?.kind !== "word") {
      throw invalid(`${what} was expected ${token ? `at character ${token.at + 1}` : "at the end"}`);
    }
    this.i += 1;
    return token.text;
  }

  private expect(kind: Token["kind"], what: string) {
    const token = this.tokens[this.i];
    if (token?.kind !== kind) throw invalid(`${what} was expected`);
    this.i += 1;
  }
}

function describe(token: Token): string {
  if (token.kind === "word") return JSON.stringify(token.text);
  if (token.kind === "value") return JSON.stringify(token.value);
  return { open: "(", close: ")", openBracket: "[", closeBracket: "]" }[token.kind];
}

/** Parses a `filter` query parameter; an empty or absent one is no filter. */
export function parseFilter(input: string | undefined): Filter {
  if (input === undefined || input.trim() === "") return [];
  if (input.length > MAX_FILTER_LENGTH) throw invalid(`longer than ${MAX_FILTER_LENGTH} characters`);
  return new Parser(tokenize(input)).parse();
}

/** A filter value that must be a string, for an attribute compared as text. */
export const filterString = (value: FilterValue, attr: string): string => {
  if (typeof value !== "string") throw invalid(`${attr} is compared with a string`);
  return value;
};

/** A PATCH operation's `path` (RFC 7644 §3.5.2): `active`, `name.givenName`, `members[value eq "…"]`. */
export interface AttrPath {
  /** Lower-cased, without the core schema URN; an extension's attribute keeps its URN. */
  attr: string;
  where?: { path: string; value: FilterValue };
  /** Lower-cased sub-attribute: `givenname` of `name.givenName`, `value` of `emails[…].value`. */
  sub?: string;
}

export function parsePath(text: string): AttrPath {
  const invalidPath = (why: string) => badRequest("invalidPath", `path ${JSON.stringify(text)}: ${why}`);
  if (text.length > MAX_FILTER_LENGTH) throw invalidPath(`longer than ${MAX_FILTER_LENGTH} characters`);
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch {
    throw invalidPath("not an attribute path");
  }
  const [head, bracket] = tokens;
  if (head?.kind !== "word") throw invalidPath("does not start with an attribute name");
  const split = (word: string): AttrPath => {
    const path = canonicalPath(word);
    if (path.startsWith("urn:")) return { attr: path };
    const dot = path.indexOf(".");
    return dot < 0 ? { attr: path } : { attr: path.slice(0, dot), sub: path.slice(dot + 1) };
  };
  if (!bracket) return split(head.text);
  if (bracket.kind !== "openBracket") throw invalidPath("unexpected text after the attribute");
  const close = tokens.findIndex((t) => t.kind === "closeBracket");
  if (close < 0) throw invalidPath("a closing bracket was expected");
  const [where, ...more] = new Parser(tokens.slice(2, close)).parse();
  if (!where || more.length > 0 || where.where) throw invalidPath("a value filter in [ ] holds one `eq`");
  const rest = tokens.slice(close + 1);
  const subToken = rest[0];
  if (rest.length > 1 || (subToken && (subToken.kind !== "word" || !subToken.text.startsWith(".")))) {
    throw invalidPath("unexpected text after the value filter");
  }
  const sub = subToken?.kind === "word" ? subToken.text.slice(1).toLowerCase() : undefined;
  return {
    attr: canonicalPath(head.text),
    where: { path: where.path, value: where.value },
    ...(sub ? { sub } : {}),
  };
}
