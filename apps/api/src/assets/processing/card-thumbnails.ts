import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { THUMBNAIL_WIDTH, type Thumbnail } from "./thumbnails";

/** What a card shows for an asset that has no page to picture: a Markdown card, a link, a video, a document. */
export interface CardSpec {
  tone: "markdown" | "link" | "video" | "document";
  /** On the card's band: "MARKDOWN", "DOCX", or a link's site ("youtube.com"). */
  label: string;
  title: string;
  /** The first lines of the text, or the link's address. */
  body: string;
  language: "en" | "ja";
  /** A play mark (video) or a round initial (a link's site, favicon-style). */
  mark?: { kind: "play" } | { kind: "initial"; text: string };
}

const HEIGHT = 300;
const PAD = 24;
const WEBP_QUALITY = 82;
const BANDS: Record<CardSpec["tone"], string> = {
  markdown: "#7048e8",
  link: "#1c7ed6",
  video: "#e03131",
  document: "#2f5bea",
};

/** Japanese glyphs from a Japanese face first; Skia falls back per glyph to whatever else is installed. */
const FAMILIES = {
  ja: `"Noto Sans CJK JP", "Noto Sans JP", "IPAGothic", "IPAexGothic", "Hiragino Sans", "DejaVu Sans", sans-serif`,
  en: `"Noto Sans", "DejaVu Sans", "Liberation Sans", "Noto Sans CJK JP", "IPAGothic", sans-serif`,
};

/**
 * A WebP card THUMBNAIL_WIDTH wide for the library: a coloured band naming the
 * kind, the title, and the first lines of the text, in a face for the language.
 */
export async function cardThumbnail(card: CardSpec): Promise<Thumbnail> {
  const canvas = createCanvas(THUMBNAIL_WIDTH, HEIGHT);
  const ctx = canvas.getContext("2d");
  const family = FAMILIES[card.language];
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, THUMBNAIL_WIDTH, HEIGHT);
  const band = BANDS[card.tone];
  ctx.fillStyle = band;
  ctx.fillRect(0, 0, THUMBNAIL_WIDTH, 36);
  ctx.fillStyle = "#ffffff";
  ctx.font = `bold 14px ${family}`;
  ctx.textBaseline = "middle";
  ctx.fillText(card.label, PAD, 18);

  let top = 60;
  const textWidth = THUMBNAIL_WIDTH - PAD * 2 - (card.mark ? 64 : 0);
  if (card.mark) drawMark(ctx, card.mark, band, family);
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = "#1d2330";
  ctx.font = `bold 22px ${family}`;
  for (const line of wrap(ctx, card.title, textWidth, 3)) {
    ctx.fillText(line, PAD, top + 4);
    top += 30;
  }
  top += 8;
  ctx.fillStyle = "#5b6473";
  ctx.font = `15px ${family}`;
  const lines = Math.max(0, Math.floor((HEIGHT - PAD - top) / 22));
  for (const line of wrap(ctx, card.body.replace(/\s+/g, " ").trim(), THUMBNAIL_WIDTH - PAD * 2, lines)) {
    ctx.fillText(line, PAD, top + 4);
    top += 22;
  }
  return { data: await canvas.encode("webp", WEBP_QUALITY), mime: "image/webp" };
}

function drawMark(ctx: SKRSContext2D, mark: NonNullable<CardSpec["mark"]>, colour: string, family: string) {
  const cx = THUMBNAIL_WIDTH - PAD - 26;
  const cy = 82;
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.arc(cx, cy, 26, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = "#ffffff";
  if (mark.kind === "play") {
    ctx.beginPath();
    ctx.moveTo(cx - 8, cy - 12);
    ctx.lineTo(cx + 13, cy);
    ctx.lineTo(cx - 8, cy + 12);
    ctx.closePath();
    ctx.fill();
    return;
  }
  ctx.font = `bold 26px ${family}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText([...mark.text.trim()][0]?.toUpperCase() ?? "?", cx, cy + 1);
  ctx.textAlign = "left";
}

/**
 * Greedy line breaking: Latin text breaks at spaces, Japanese between any two
 * characters; the last line that fits ends with "…" when text is left over.
 */
export function wrap(
  ctx: Pick<SKRSContext2D, "measureText">,
  text: string,
  width: number,
  maxLines: number,
): string[] {
  if (maxLines <= 0 || !text) return [];
  const tokens = text.match(/[^\s\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]+\s*|\S\s*|\s+/gu) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    const candidate = line + token;
    if (ctx.measureText(candidate.trimEnd()).width <= width || line === "") {
      line = candidate;
      // a single word wider than the line is cut by characters
      while (ctx.measureText(line.trimEnd()).width > width && [...line].length > 1) {
        const chars = [...line];
        let cut = chars.length - 1;
        while (cut > 1 && ctx.measureText(chars.slice(0, cut).join("")).width > width) cut -= 1;
        lines.push(chars.slice(0, cut).join(""));
        line = chars.slice(cut).join("");
        if (lines.length === maxLines) return ellipsize(ctx, lines, width);
      }
      continue;
    }
    lines.push(line.trimEnd());
    if (lines.length === maxLines) return ellipsize(ctx, lines, width);
    line = token.trimStart();
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function ellipsize(ctx: Pick<SKRSContext2D, "measureText">, lines: string[], width: number): string[] {
  const last = [...(lines.at(-1) ?? "")];
  while (last.length > 0 && ctx.measureText(`${last.join("")}…`).width > width) last.pop();
  lines[lines.length - 1] = `${last.join("").trimEnd()}…`;
  return lines;
}

/** A card's body: the text's first lines without Markdown's furniture (the title is shown above it). */
export function cardBody(text: string, title: string): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && l !== title.trim());
  return lines.slice(0, 12).join(" ");
}
