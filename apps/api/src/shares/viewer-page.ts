import { escapeHtml } from "./safe-markdown";

export type ViewerLang = "en" | "ja";

/** The viewer speaks the reader's language when it is Japanese or English (by q-value), else English. */
export function pickLanguage(acceptLanguage: string | undefined): ViewerLang {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.split("-")[0] ?? "", q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => (l.primary === "ja" || l.primary === "en") && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.primary === "ja" ? "ja" : "en";
}

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
  /** Bots get the page without the file or the script. */
  track: boolean;
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
@media (max-width:600px){header{padding:8px 12px}main{padding:10px}.doc{padding:18px 16px}h1{font-size:16px}}
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
    d.allowDownload && d.kind !== "link" && d.track
      ? `<a class="button" id="download" href="${base}/file?download=1" download>${t.download}</a>`
      : "";
  let content: string;
  if (!d.track) content = "";
  else if (d.kind === "pdf") {
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
    d.kind === "pdf" && d.track
      ? `<span id="pager" hidden>${d.pageUnit === "slide" ? t.slide : t.page} <span id="page-now">1</span> ${t.of} <span id="page-count"></span></span>`
      : "";
  const body = `<header>
<div><h1>${escapeHtml(d.title)}</h1>${d.sharedBy ? `<p class="by">${escapeHtml(t.sharedBy(d.sharedBy))}</p>` : ""}</div>
<div class="actions">${pager}${download}</div>
</header>
<main>${content}</main>`;
  if (!d.track) return shell(d.lang, d.nonce, d.title, body);
  if (d.kind === "preparing") return shell(d.lang, d.nonce, d.title, body, "", "", PREPARING_REFRESH_SECONDS);
  const attrs =
    ` data-kind="${d.kind}" data-file="${base}/file" data-beacon="/api/v/${d.token}/events"` +
    ` data-flush-ms="${d.flushMs}" data-idle-ms="${d.idleMs}" data-failed="${escapeHtml(t.loadFailed)}"`;
  const script = `<script type="module" nonce="${d.nonce}" src="/s/_/viewer.js"></script>`;
  return shell(d.lang, d.nonce, d.title, body, attrs, script);
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
