import { Marked, type Tokens } from "marked";
import { escapeHtml } from "../html-escape";

/** Only web and mail links survive; javascript:, data: and the like become plain text. */
function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" || url.protocol === "mailto:"
      ? url.href
      : null;
  } catch {
    return null;
  }
}

/**
 * Markdown for the public viewer: raw HTML in the source is shown as text,
 * links are limited to http(s)/mailto and open without a referrer, images
 * become links (the viewer's CSP loads nothing from elsewhere).
 */
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      const safe = safeHref(href);
      if (!safe) return inner;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      return `<a href="${escapeHtml(safe)}"${titleAttr} rel="noopener noreferrer nofollow" target="_blank">${inner}</a>`;
    },
    image({ href, text }: Tokens.Image) {
      const safe = safeHref(href);
      const label = escapeHtml(text || href);
      return safe
        ? `<a href="${escapeHtml(safe)}" rel="noopener noreferrer nofollow" target="_blank">${label}</a>`
        : label;
    },
  },
});

export function renderMarkdown(source: string): string {
  return marked.parse(source) as string;
}

export { escapeHtml };
