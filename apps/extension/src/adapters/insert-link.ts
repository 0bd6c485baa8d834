const carets = new WeakMap<HTMLElement, Range>();

/** Remembers the caret inside an editor, so a click on the panel does not lose where the link goes. */
export function trackCaret(editor: HTMLElement): () => void {
  const doc = editor.ownerDocument;
  const save = () => {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (editor.contains(range.startContainer)) carets.set(editor, range.cloneRange());
  };
  doc.addEventListener("selectionchange", save);
  editor.addEventListener("keyup", save);
  editor.addEventListener("mouseup", save);
  return () => {
    doc.removeEventListener("selectionchange", save);
    editor.removeEventListener("keyup", save);
    editor.removeEventListener("mouseup", save);
  };
}

function restoreCaret(editor: HTMLElement): Selection | null {
  const doc = editor.ownerDocument;
  const selection = doc.getSelection();
  if (!selection) return null;
  const saved = carets.get(editor);
  const range = saved && editor.contains(saved.startContainer) ? saved : doc.createRange();
  if (range !== saved) {
    // no caret yet: the end of what the rep wrote, before any quoted history
    const quote = editor.querySelector(".gmail_quote, blockquote");
    if (quote) range.setStartBefore(quote);
    else range.selectNodeContents(editor);
    range.collapse(!!quote);
  }
  selection.removeAllRanges();
  selection.addRange(range);
  return selection;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function linkCount(editor: HTMLElement, url: string): number {
  return [...editor.querySelectorAll("a")].filter((a) => a.getAttribute("href") === url).length;
}

/** Types the title, selects it and makes it a link: no HTML string, so Trusted Types have nothing to refuse. */
function typeAndLink(doc: Document, selection: Selection, url: string, title: string): void {
  doc.execCommand("insertText", false, title);
  for (let i = 0; i < title.length; i += 1) selection.modify("extend", "backward", "character");
  doc.execCommand("createLink", false, url);
  selection.collapseToEnd();
  doc.execCommand("insertText", false, " ");
}

/**
 * Inserts a titled link at the caret with execCommand, so the host editor sees an ordinary edit and
 * undo works. Returns false when the editor refused; the caller then offers the link to copy.
 */
export function insertLink(editor: HTMLElement, url: string, title: string): boolean {
  const doc = editor.ownerDocument;
  const before = linkCount(editor, url);
  editor.focus();
  const selection = restoreCaret(editor);
  if (!selection) return false;
  try {
    doc.execCommand("insertHTML", false, `<a href="${escapeHtml(url)}">${escapeHtml(title)}</a>&nbsp;`);
  } catch {
    // Gmail's Trusted Types may refuse an HTML string; the next way needs none
  }
  if (linkCount(editor, url) > before) return true;
  try {
    typeAndLink(doc, selection, url, title);
  } catch {
    return false;
  }
  return linkCount(editor, url) > before;
}
