/** What Office and PDF writers put in the title field when the author gave none. */
const PLACEHOLDERS =
  /^(powerpoint presentation|presentation|slide \d+|document\d*|untitled.*|microsoft word|book\d*|sheet\d*|スライド \d+|プレゼンテーション|無題.*)$/i;

/**
 * A document's own title, from its properties, tidied for the upload form:
 * "Microsoft Word - brief.docx" is "brief", and a placeholder is no title.
 */
export function documentTitle(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const title = raw
    .replace(/^microsoft (word|powerpoint|excel) - /i, "")
    .replace(/\.(docx?|pptx?|xlsx?|od[tps]|pdf|rtf)$/i, "")
    .replace(/\s+/g, " ")
    .trim();
  if (title.length < 3 || title.length > 300 || PLACEHOLDERS.test(title)) return null;
  return title;
}
