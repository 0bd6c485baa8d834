import type { ViewerLang } from "../accept-language";
import { escapeHtml } from "./safe-markdown";

const strings = {
  en: {
    sharedBy: (name: string) => `Shared with you by ${name}`,
    download: "Download",
    openLink: "Open the link",
    loading: "Loading…",
    page: "Page",
    slide: "Slide",
    of: "of",
    noPreview: "This file cannot be shown in the browser.",
    noPreviewDownload: "This file cannot be shown in the browser; download it to read it.",
    loadFailed: "The document could not be displayed.",
    preparing: "This document is being prepared for reading; the page will refresh by itself in a moment.",
    goneTitle: "This link is no longer available",
    goneBody: "The link has expired or was withdrawn by the sender. Ask them for a new one.",
    notFoundTitle: "Link not found",
    notFoundBody: "Check that the address is complete, or ask the sender for the link again.",
    busyTitle: "Too many requests",
    busyBody: "Please try again in a minute.",
    updated: (date: string) => `Updated on ${date} since you last opened it.`,
    backToRoom: (name: string) => `← ${name}`,
    room: "Documents for you",
    roomEmpty: "Nothing is shared here any more.",
    open: "Open",
    gateTitle: "Before you read",
    gateEmail: "Your email",
    gateEmailNote: "The sender will see who read this. Your email is not checked.",
    gatePasscode: "Passcode",
    gatePasscodeNote: "The sender gave you a passcode with the link.",
    gateSubmit: "Continue",
    gateBadEmail: "Enter a valid email address.",
    gateBadPasscode: "That passcode is not right. Check it and try again.",
    gateTooMany: "Too many tries. Please wait a few minutes.",
  },
  ja: {
    sharedBy: (name: string) => `${name} さんから共有されました`,
    download: "ダウンロード",
    openLink: "リンクを開く",
    loading: "読み込み中…",
    page: "ページ",
    slide: "スライド",
    of: "/",
    noPreview: "このファイルはブラウザーで表示できません。",
    noPreviewDownload: "このファイルはブラウザーで表示できません。ダウンロードしてご覧ください。",
    loadFailed: "資料を表示できませんでした。",
    preparing: "資料を表示する準備をしています。まもなくこのページが自動的に更新されます。",
    goneTitle: "このリンクは利用できません",
    goneBody:
      "リンクの有効期限が切れたか、送信者によって無効にされました。送信者に新しいリンクをご依頼ください。",
    notFoundTitle: "リンクが見つかりません",
    notFoundBody: "アドレスが正しいかご確認いただくか、送信者にリンクの再送をご依頼ください。",
    busyTitle: "リクエストが多すぎます",
    busyBody: "しばらくしてからもう一度お試しください。",
    updated: (date: string) => `前回ご覧になった後、${date} に更新されました。`,
    backToRoom: (name: string) => `← ${name}`,
    room: "お送りした資料",
    roomEmpty: "ここで共有されている資料はありません。",
    open: "開く",
    gateTitle: "資料をご覧になる前に",
    gateEmail: "メールアドレス",
    gateEmailNote: "送信者は閲覧者を確認できます。メールアドレスの確認は行いません。",
    gatePasscode: "パスコード",
    gatePasscodeNote: "リンクと一緒に送信者からお知らせしたパスコードを入力してください。",
    gateSubmit: "続ける",
    gateBadEmail: "正しいメールアドレスを入力してください。",
    gateBadPasscode: "パスコードが正しくありません。ご確認のうえ、もう一度お試しください。",
    gateTooMany: "試行回数が多すぎます。数分おいてからお試しください。",
  },
} as const;

/** "pdf" is any document read as pages (a PDF, or an Office file's rendition); "preparing": its rendition is on its way. */
export type ViewerKind = "pdf" | "image" | "video" | "markdown" | "link" | "preparing" | "other";

export interface ViewerPageData {
  lang: ViewerLang;
  nonce: string;
  token: string;
  title: string;
  sharedBy: string | null;
  kind: ViewerKind;
  /** Already sanitized (safe-markdown). */
  markdownHtml?: string;
  linkUrl?: string;
  allowDownload: boolean;
  /** What the pager calls a page: a presentation's are slides. */
  pageUnit: "page" | "slide";
  flushMs: number;
  idleMs: number;
  /** Bots get the same working page; only their reading is not counted. */
  track: boolean;
  /** When the version shown was made: a returning reader is told it changed (it also marks the version, no id needed). */
  updatedAt: Date;
  /** The deal room this asset was opened from. */
  room?: { token: string; name: string } | undefined;
}

const styles = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;background:#f4f5f7;color:#1d2330}
header{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;justify-content:space-between;padding:10px 20px;background:#fff;border-bottom:1px solid #e2e5ea}
header>div:first-child{min-width:0;flex:1 1 240px}
h1{font-size:17px;margin:0;overflow-wrap:anywhere;line-height:1.35}
.by{font-size:13px;color:#5b6473;margin:0}
.actions{display:flex;gap:12px;align-items:center;font-size:14px;white-space:nowrap}
.button{display:inline-block;padding:6px 14px;border-radius:6px;background:#2f5bea;color:#fff;text-decoration:none;font-weight:600}
main{max-width:980px;margin:0 auto;padding:20px}
.pages{display:flex;flex-direction:column;align-items:center;gap:16px}
.page{background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.15);max-width:100%}
.page canvas{display:block;width:100%;height:auto}
.media{display:block;max-width:100%;margin:0 auto;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.15)}
.doc{background:#fff;padding:32px 40px;box-shadow:0 1px 4px rgba(0,0,0,.15);overflow-wrap:anywhere}
.doc pre{overflow:auto;background:#f4f5f7;padding:12px}
.doc table{border-collapse:collapse}.doc td,.doc th{border:1px solid #d5d9e0;padding:4px 8px}
.note{color:#5b6473;text-align:center;padding:40px 0}
.banner{background:#fff8db;border:1px solid #f2d675;border-radius:6px;padding:8px 12px;margin:0 0 16px;font-size:14px}
.back{display:inline-block;font-size:14px;margin:0 0 6px;color:#2f5bea;text-decoration:none}
.items{list-style:none;margin:0;padding:0;display:grid;gap:12px}
.item{display:flex;gap:14px;align-items:center;background:#fff;padding:12px;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
.item img{width:120px;aspect-ratio:4/3;object-fit:contain;background:#f4f5f7;border-radius:4px;flex:none}
.item h2{font-size:16px;margin:0 0 6px;overflow-wrap:anywhere}
.personal{white-space:pre-line;background:#fff;border-left:4px solid #2f5bea;padding:12px 16px;margin:0 0 16px}
form.gate{display:grid;gap:10px;max-width:420px}
form.gate label{font-weight:600;font-size:14px}
form.gate input{font:inherit;padding:8px 10px;border:1px solid #c8cdd6;border-radius:6px;width:100%}
form.gate small{color:#5b6473}
.error{color:#c92a2a;margin:0}
@media (max-width:600px){.item img{width:88px}header{padding:8px 12px}main{padding:10px}.doc{padding:18px 16px}h1{font-size:16px}}
`;

function shell(
  lang: ViewerLang,
  nonce: string,
  title: string,
  body: string,
  bodyAttrs = "",
  script = "",
  refreshSeconds?: number,
): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<meta name="referrer" content="no-referrer">${refreshSeconds ? `\n<meta http-equiv="refresh" content="${refreshSeconds}">` : ""}
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${styles}</style>
</head>
<body${bodyAttrs}>
${body}
${script}
</body>
</html>`;
}

const PREPARING_REFRESH_SECONDS = 5;

/** The page a prospect sees; it names the link only by its token, never by an internal id. */
export function viewerPage(d: ViewerPageData): string {
  const t = strings[d.lang];
  const base = `/s/${d.token}`;
  const download =
    d.allowDownload && d.kind !== "link"
      ? `<a class="button" id="download" href="${base}/file?download=1" download>${t.download}</a>`
      : "";
  let content: string;
  if (d.kind === "pdf") {
    content = `<div id="pages" class="pages"><p class="note" id="status">${t.loading}</p></div>`;
  } else if (d.kind === "image") {
    content = `<img class="media" src="${base}/file" alt="${escapeHtml(d.title)}">`;
  } else if (d.kind === "video") {
    content = `<video class="media" src="${base}/file" controls playsinline preload="metadata"></video>`;
  } else if (d.kind === "markdown") {
    content = `<article class="doc">${d.markdownHtml ?? ""}</article>`;
  } else if (d.kind === "preparing") {
    content = `<p class="note" id="preparing">${t.preparing}</p>`;
  } else if (d.kind === "link" && d.linkUrl) {
    content = `<p class="note"><a class="button" id="external" href="${escapeHtml(d.linkUrl)}" rel="noopener noreferrer" target="_blank">${t.openLink}</a></p>`;
  } else {
    content = `<p class="note">${d.allowDownload ? t.noPreviewDownload : t.noPreview}</p>`;
  }
  const pager =
    d.kind === "pdf"
      ? `<span id="pager" hidden>${d.pageUnit === "slide" ? t.slide : t.page} <span id="page-now">1</span> ${t.of} <span id="page-count"></span></span>`
      : "";
  const back = d.room
    ? `<a class="back" href="/s/${d.room.token}">${escapeHtml(t.backToRoom(d.room.name || t.room))}</a>`
    : "";
  const updated = escapeHtml(t.updated(formatDate(d.lang, d.updatedAt)));
  const body = `<header>
<div>${back}<h1>${escapeHtml(d.title)}</h1>${d.sharedBy ? `<p class="by">${escapeHtml(t.sharedBy(d.sharedBy))}</p>` : ""}</div>
<div class="actions">${pager}${download}</div>
</header>
<main><p class="banner" id="updated" hidden>${updated}</p>${content}</main>`;
  if (d.kind === "preparing") return shell(d.lang, d.nonce, d.title, body, "", "", PREPARING_REFRESH_SECONDS);
  const attrs =
    ` data-kind="${d.kind}" data-file="${base}/file" data-beacon="/api/v/${d.token}/events"` +
    ` data-token="${d.token}" data-version="${d.updatedAt.getTime()}" data-track="${d.track ? "1" : "0"}"` +
    ` data-flush-ms="${d.flushMs}" data-idle-ms="${d.idleMs}" data-failed="${escapeHtml(t.loadFailed)}"`;
  const script = `<script type="module" nonce="${d.nonce}" src="/s/_/viewer.js"></script>`;
  return shell(d.lang, d.nonce, d.title, body, attrs, script);
}

function formatDate(lang: ViewerLang, date: Date): string {
  return new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-US", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(date);
}

export interface GatePageData {
  lang: ViewerLang;
  nonce: string;
  token: string;
  title: string;
  sharedBy: string | null;
  requireEmail: boolean;
  passcode: boolean;
  error?: "email" | "passcode" | "busy" | undefined;
  email?: string | undefined;
}

/** What a gated link shows first: an email field (not verified, and it says so) and/or a passcode. */
export function gatePage(d: GatePageData): string {
  const t = strings[d.lang];
  const error =
    d.error === "email"
      ? t.gateBadEmail
      : d.error === "passcode"
        ? t.gateBadPasscode
        : d.error === "busy"
          ? t.gateTooMany
          : "";
  const fields = [
    d.requireEmail
      ? `<label for="email">${t.gateEmail}</label><input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${escapeHtml(d.email ?? "")}"><small>${t.gateEmailNote}</small>`
      : "",
    d.passcode
      ? `<label for="passcode">${t.gatePasscode}</label><input id="passcode" name="passcode" type="password" autocomplete="off" required maxlength="200"><small>${t.gatePasscodeNote}</small>`
      : "",
  ].join("");
  const body = `<header><div><h1>${escapeHtml(d.title)}</h1>${d.sharedBy ? `<p class="by">${escapeHtml(t.sharedBy(d.sharedBy))}</p>` : ""}</div></header>
<main><div class="doc"><h2>${t.gateTitle}</h2>
<form class="gate" method="post" action="/s/${d.token}/unlock">${error ? `<p class="error" role="alert">${error}</p>` : ""}${fields}<button class="button" type="submit">${t.gateSubmit}</button></form>
</div></main>`;
  return shell(d.lang, d.nonce, d.title, body);
}

export interface RoomPageData {
  lang: ViewerLang;
  nonce: string;
  name: string;
  note: string;
  sharedBy: string | null;
  items: { token: string; title: string; hasThumbnail: boolean }[];
  /** The room's own beacon (its opens); none for bots. */
  beacon: string | null;
}

/** A deal room: the rep's note and the assets it holds, each opening in the page viewer. */
export function roomPage(d: RoomPageData): string {
  const t = strings[d.lang];
  const title = d.name || t.room;
  const items = d.items
    .map(
      (item) =>
        `<li class="item">${item.hasThumbnail ? `<img src="/s/${item.token}/thumbnail" alt="">` : ""}<div><h2>${escapeHtml(item.title)}</h2><a class="button" href="/s/${item.token}">${t.open}</a></div></li>`,
    )
    .join("");
  const body = `<header><div><h1>${escapeHtml(title)}</h1>${d.sharedBy ? `<p class="by">${escapeHtml(t.sharedBy(d.sharedBy))}</p>` : ""}</div></header>
<main>${d.note ? `<p class="personal">${escapeHtml(d.note)}</p>` : ""}${items ? `<ul class="items">${items}</ul>` : `<p class="note">${t.roomEmpty}</p>`}</main>`;
  if (!d.beacon) return shell(d.lang, d.nonce, title, body);
  const attrs = ` data-kind="room" data-beacon="${d.beacon}" data-track="1"`;
  return shell(
    d.lang,
    d.nonce,
    title,
    body,
    attrs,
    `<script type="module" nonce="${d.nonce}" src="/s/_/viewer.js"></script>`,
  );
}

/** 404, 410 and 429 pages, in the reader's language. */
export function messagePage(lang: ViewerLang, nonce: string, status: 404 | 410 | 429): string {
  const t = strings[lang];
  const [title, text] =
    status === 410
      ? [t.goneTitle, t.goneBody]
      : status === 429
        ? [t.busyTitle, t.busyBody]
        : [t.notFoundTitle, t.notFoundBody];
  return shell(lang, nonce, title, `<main><div class="doc"><h1>${title}</h1><p>${text}</p></div></main>`);
}
