/** How far ahead of a "From:" line its "Sent:"/"Date:" line may be. */
const HEADER_BLOCK_LINES = 5;
/** A sign-off is only followed by a short name block; anything longer is kept. */
const SIGNOFF_BLOCK_MAX_LINES = 6;
const SIGNOFF_BLOCK_MAX_CHARS = 60;
/** A decorated signature block (after a rule line) is a little longer and must look like contact details. */
const RULED_BLOCK_MAX_LINES = 10;

const QUOTED_LINE = /^\s*[>＞]/;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(original message|forwarded message|元のメッセージ|転送されたメッセージ|転送メッセージ)\s*-{2,}\s*$/i;
/** Apple Mail's and Outlook's forward headers without dashes. */
const BEGIN_FORWARDED = /^\s*(begin forwarded message|転送メッセージ|forwarded message)\s*[:：]\s*$/i;
const FORWARD_RULE = /^\s*-{2,}\s*(forwarded message|転送されたメッセージ|転送メッセージ)\s*-{2,}\s*$/i;
/** A header block's subject line that says it is a forward ("Subject: FW: …", "件名: 転送: …"). */
const FORWARD_SUBJECT = /^\s*\*?(subject|件名)\*?\s*[:：]\s*(fw|fwd|転送)\s*[:：]/i;
const ON_WROTE = /^\s*on\s.{4,300}\swrote\s*[:：]\s*$/i;
const DATED_HEADER = /^\s*\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}.*[:：]\s*$/;
const DATED_HEADER_AUTHOR = /@|書きました|wrote/i;
const FROM_LINE = /^\s*\*?(from|差出人|送信者)\*?\s*[:：]/i;
const SENT_LINE = /^\s*\*?(sent|date|送信日時|送信日|日付|日時)\*?\s*[:：]/i;
const SENT_INLINE = /\s\*?(sent|date|送信日時)\*?\s*[:：]/i;
const SIGNATURE_DELIMITER = /^--\s*$/;
const SIGNOFF_EN =
  /^\s*(best|best regards|kind regards|warm regards|warmest regards|regards|many thanks|thanks|thank you|thanks again|cheers|sincerely|yours sincerely|best wishes|all the best)\s*[,.!]?\s*$/i;
const SIGNOFF_JA = /^\s*.{0,12}(よろしく|宜しく)お願い(いた|致)?し?(します|ます|申し上げます)[。．.！!]*\s*$/;
const RULE_LINE = /^\s*[-=_*~〜─━＝＊・■□◆◇+]{5,}\s*$/;
const CONTACT_DETAIL =
  /@|https?:|www\.|\btel\b|phone|mobile|\bfax\b|電話|携帯|〒|株式会社|\b(inc|ltd|llc)\b/i;

const threadLines = (text: string) => text.replace(/\r\n?/g, "\n").split("\n");

/** The newest message's lines: up to the first reply/forward header, without ">" quoted lines. */
function ownLines(text: string): string[] {
  const all = threadLines(text);
  const headerAt = all.findIndex((_, i) => isReplyHeader(all, i));
  return (headerAt >= 0 ? all.slice(0, headerAt) : all).filter((line) => !QUOTED_LINE.test(line));
}

function isReplyHeader(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? "";
  const joined = `${line} ${lines[index + 1] ?? ""}`;
  if (ORIGINAL_MESSAGE.test(line) || BEGIN_FORWARDED.test(line)) return true;
  // Clients wrap long "On …, X <x@y> wrote:" headers onto a second line.
  if (/^\s*on\s/i.test(line) && (ON_WROTE.test(line) || ON_WROTE.test(joined))) return true;
  for (const candidate of [line, joined]) {
    if (DATED_HEADER.test(candidate) && DATED_HEADER_AUTHOR.test(candidate)) return true;
  }
  if (FROM_LINE.test(line)) {
    if (SENT_INLINE.test(line)) return true;
    for (let ahead = 1; ahead <= HEADER_BLOCK_LINES; ahead += 1) {
      if (SENT_LINE.test(lines[index + ahead] ?? "")) return true;
    }
  }
  return false;
}

function nonEmpty(lines: readonly string[]): string[] {
  return lines.filter((line) => line.trim().length > 0);
}

/** Index where a signature starts (the block is dropped from there), or lines.length. */
function signatureStart(lines: readonly string[]): number {
  const delimiter = lines.findIndex((line) => SIGNATURE_DELIMITER.test(line));
  if (delimiter >= 0) return delimiter;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] ?? "";
    const after = nonEmpty(lines.slice(i + 1));
    if (RULE_LINE.test(line) && after.length > 0 && after.length <= RULED_BLOCK_MAX_LINES) {
      if (after.some((l) => CONTACT_DETAIL.test(l))) return i;
    }
    if (SIGNOFF_EN.test(line) || SIGNOFF_JA.test(line)) {
      const shortBlock = after.length <= SIGNOFF_BLOCK_MAX_LINES && after.every(isNameBlockLine);
      // The sign-off itself stays: it is part of what the sender wrote.
      return shortBlock ? i + 1 : lines.length;
    }
  }
  return lines.length;
}

/** A line that could be a name, title or company — not a postscript or a question. */
function isNameBlockLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= SIGNOFF_BLOCK_MAX_CHARS && !/^p\.?s\b/i.test(trimmed) && !/[?？]$/.test(trimmed);
}

function isBlankOrRule(line: string): boolean {
  return line.trim().length === 0 || RULE_LINE.test(line) || /^\s*[-_]{2,}\s*$/.test(line);
}

/**
 * The newest message of an email thread: drops everything from the first
 * reply/forward header on ("On … wrote:", "2024年5月1日(水) 10:00 山田 <x@y>:",
 * "-----Original Message-----", "From: … Sent: …"), lines quoted with ">",
 * and a trailing signature ("-- ", the name block after "Best regards," or
 * "よろしくお願いいたします。", or a ruled block of contact details).
 * Returns "" when nothing of the sender's own is left.
 */
export function latestMessage(text: string): string {
  const own = ownLines(text);
  const body = own.slice(0, signatureStart(own));
  while (body.length > 0 && isBlankOrRule(body[body.length - 1] ?? "")) body.pop();
  while (body.length > 0 && (body[0] ?? "").trim().length === 0) body.shift();
  return body.map((line) => line.trimEnd()).join("\n");
}

/** Whether the header at `index` starts a forwarded message rather than quoted reply history. */
function isForwardHeader(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? "";
  if (FORWARD_RULE.test(line) || BEGIN_FORWARDED.test(line)) return true;
  if (!isReplyHeader(lines, index)) return false;
  return lines.slice(index, index + HEADER_BLOCK_LINES + 2).some((l) => FORWARD_SUBJECT.test(l));
}

/**
 * What the newest message forwards: the text from its first forward header on ("---------- Forwarded
 * message ---------", "Begin forwarded message:", a From:/Sent: block whose subject starts "FW:"), quote
 * marks removed; "" when it forwards nothing. Quoted reply history is not part of it: in a reply it is
 * mostly the other side's earlier message, while a forward hands on someone else's words as the topic.
 */
export function forwardedMessage(text: string): string {
  const all = threadLines(text);
  const at = all.findIndex((_, i) => isForwardHeader(all, i));
  if (at < 0) return "";
  return all
    .slice(at)
    .map((line) => line.replace(/^(\s*[>＞])+\s?/, ""))
    .join("\n")
    .trim();
}

/** A line a signature could hold: short, no sentence or question ending. */
const isTitleLike = (line: string) =>
  isNameBlockLine(line) && !/[.。!！]$/.test(line.trim()) && line.split(/\s+/).length <= 8;

/** A signature block is read this far from the end when it has no delimiter or sign-off. */
const TRAILING_BLOCK_LINES = 4;

/**
 * The newest message's signature block, line by line (name, title, company, contact details): what follows
 * "-- ", a sign-off or a rule line; else its last few short lines. Read for the sender's title, never for
 * keywords.
 */
export function signatureLines(text: string): string[] {
  const own = ownLines(text);
  const start = signatureStart(own);
  const block =
    start < own.length ? own.slice(start) : nonEmpty(own).slice(-TRAILING_BLOCK_LINES).filter(isTitleLike);
  return nonEmpty(block)
    .map((line) => line.trim())
    .filter(
      (line) => line.length <= SIGNOFF_BLOCK_MAX_CHARS && !SIGNOFF_EN.test(line) && !SIGNOFF_JA.test(line),
    )
    .filter((line) => !SIGNATURE_DELIMITER.test(line) && !RULE_LINE.test(line));
}
