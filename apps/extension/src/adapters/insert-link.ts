import { gmailHooks } from "./gmail";
import { outlookHooks } from "./outlook";

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

/** What follows the rep's own text in a compose body: Gmail's and Outlook's signatures and quoted replies. */
const BELOW_THE_TEXT = [
  ...new Set(
    [gmailHooks.signature, gmailHooks.quote, outlookHooks.signature, outlookHooks.quote].flatMap(
      (hook) => hook.selectors,
    ),
  ),
].join(", ");

/** The editor's direct child holding `el`. */
function outermostIn(editor: HTMLElement, el: Element): Element {
  let node = el;
  while (node.parentElement && node.parentElement !== editor) node = node.parentElement;
  return node;
}

/** A line break or an empty block: not text the rep wrote. */
const isBlank = (node: Node) =>
  node.nodeName === "BR" ||
  (!node.textContent?.trim() && !(node instanceof Element && node.querySelector("img, a")));

/**
 * Where a link goes when the rep never placed the caret: on a new line after the last thing they
 * wrote, above the signature and the quoted reply. (A caret placed just before the signature's block
 * would be moved into it by the browser, so the link would become part of the signature.)
 */
function endOfOwnText(editor: HTMLElement, range: Range): boolean {
  const found = editor.querySelector(BELOW_THE_TEXT);
  if (!found) {
    range.selectNodeContents(editor);
    range.collapse(false);
    return false;
  }
  let last = outermostIn(editor, found).previousSibling;
  while (last && isBlank(last)) last = last.previousSibling;
  if (!last) {
    range.setStart(editor, 0);
    range.collapse(true);
    return false;
  }
  if (last.nodeType === Node.TEXT_NODE) range.setStartAfter(last);
  else range.selectNodeContents(last);
  range.collapse(false);
  return true;
}

/** Puts the selection where the link goes; says whether the link must start a new line there. */
function restoreCaret(editor: HTMLElement): { selection: Selection; newLine: boolean } | null {
  const doc = editor.ownerDocument;
  const selection = doc.getSelection();
  if (!selection) return null;
  const saved = carets.get(editor);
  let range = saved && editor.contains(saved.startContainer) ? saved : null;
  let newLine = false;
  if (!range) {
    range = doc.createRange();
    newLine = endOfOwnText(editor, range);
  }
  selection.removeAllRanges();
  selection.addRange(range);
  return { selection, newLine };
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
  const caret = restoreCaret(editor);
  if (!caret) return false;
  const lineBreak = caret.newLine ? "<br>" : "";
  try {
    // one edit, so one undo step
    doc.execCommand(
      "insertHTML",
      false,
      `${lineBreak}<a href="${escapeHtml(url)}">${escapeHtml(title)}</a>&nbsp;`,
    );
  } catch {
    // Gmail's Trusted Types may refuse an HTML string; the next way needs none
  }
  if (linkCount(editor, url) > before) return true;
  try {
    if (caret.newLine) doc.execCommand("insertLineBreak");
    typeAndLink(doc, caret.selection, url, title);
  } catch {
    return false;
  }
  return linkCount(editor, url) > before;
}
