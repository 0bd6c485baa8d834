/** What a panel reads from the page, locally; only recipients, the contact's title and signals go out. */
export interface PageContext {
  recipients: string[];
  subject: string;
  /** The text signals are detected from; it never leaves the browser. */
  text: string;
  /** The contact's job title or headline, when the page shows one. */
  title: string;
  /**
   * The conversation's messages, oldest first, each with its sender and its own text (signature included,
   * quoted history not): read locally for the buyer's title in their signature, never sent.
   */
  messages?: { from: string; text: string }[];
  /** Hooks that found nothing: the panel asks the rep for what they would have given. */
  missing: string[];
}

/** A place on the page that gets a panel. */
export interface PanelTarget {
  /** Identity of the target: the same element across rescans. */
  key: HTMLElement;
  /** The element the panel is inserted next to. */
  anchor: HTMLElement;
  insertPosition: InsertPosition;
  /** `rail`: the panel fills a side column of the page (a fixed width, as tall as it needs). */
  placement?: "inline" | "rail";
  /** The editable message box links are inserted into, when the target has one. */
  editor: HTMLElement | null;
  read(): PageContext;
}

/** A message box's target: the panel goes at the end of its compose window and inserts into the box. */
export function composeTarget(
  editor: HTMLElement,
  anchor: HTMLElement,
  read: () => PageContext,
): PanelTarget {
  return { key: editor, anchor, insertPosition: "beforeend", editor, read };
}

/** A target without a message box (an open thread, a profile): the panel follows the anchor. */
export function readingTarget(anchor: HTMLElement, read: () => PageContext): PanelTarget {
  return { key: anchor, anchor, insertPosition: "afterend", editor: null, read };
}
