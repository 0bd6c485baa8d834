import {
  blockText,
  closestOf,
  emailsIn,
  type Hook,
  matchesAny,
  queryAll,
  queryFirst,
  reportMiss,
} from "./hooks";
import { composeTarget, type PageContext, type PanelTarget, readingTarget } from "./page-context";

/**
 * Outlook on the web's DOM hooks (outlook.office.com, outlook.office365.com, outlook.live.com).
 * Its class names are generated per build, so ids, data attributes and roles come first; aria-labels
 * follow the UI language and appear only as a later fallback, in English and Japanese.
 */
export const outlookHooks = {
  composeBody: {
    name: "outlook.composeBody",
    selectors: [
      '[id^="editorParent"] > [contenteditable="true"][role="textbox"]',
      'div[contenteditable="true"][role="textbox"][aria-multiline="true"]',
      'div[contenteditable="true"][aria-label^="Message body"]',
      'div[contenteditable="true"][aria-label^="メッセージ本文"]',
    ],
  },
  /** A popped-out or modal compose; an inline one is found by climbing to its recipient wells. */
  composeDialog: {
    name: "outlook.composeDialog",
    selectors: ['[role="dialog"]'],
  },
  /** The To/Cc/Bcc wells: contenteditable boxes holding persona chips, present even when empty. */
  recipientWell: {
    name: "outlook.recipientWell",
    selectors: [
      '[role="textbox"][contenteditable="true"]:not([aria-multiline="true"])',
      'div[aria-label="To"], div[aria-label="Cc"], div[aria-label="Bcc"]',
      'div[aria-label="宛先"], div[aria-label="CC"], div[aria-label="BCC"]',
    ],
  },
  /** A resolved recipient (persona chip) or a person in a message header. */
  persona: {
    name: "outlook.persona",
    selectors: ["[data-lpc-hover-target-id]", '[title*="@"]', '[aria-label*="@"]'],
  },
  subject: {
    name: "outlook.subject",
    selectors: [
      'input[id$="_SUBJECT"]',
      'input[aria-label="Add a subject"], input[aria-label="Subject"]',
      'input[aria-label="件名を追加"], input[aria-label="件名"]',
    ],
  },
  sendButton: {
    name: "outlook.sendButton",
    selectors: ['[data-testid="ComposeSendButton"]', 'button[aria-label="Send"], button[aria-label="送信"]'],
  },
  readingPane: {
    name: "outlook.readingPane",
    selectors: ["#ReadingPaneContainerId", '[data-app-section="ConversationContainer"]', '[role="main"]'],
  },
  threadSubject: {
    name: "outlook.threadSubject",
    selectors: [
      '[role="heading"] [id$="_SUBJECT"]',
      '[role="heading"][id$="_SUBJECT"]',
      '[role="heading"][aria-level="2"]',
    ],
  },
  /** An expanded message's body; collapsed older messages show only a preview line. */
  messageBody: {
    name: "outlook.messageBody",
    selectors: ['div[id^="UniqueMessageBody"]', 'div[role="document"]', ".allowTextSelection"],
  },
  /** Quoted history: the reply header and what follows it; ids in received mail carry an `x_` prefix. */
  quote: {
    name: "outlook.quote",
    selectors: [
      "#appendonsend",
      '[id^="appendonsend"]',
      '[id$="_appendonsend"]',
      "#divRplyFwdMsg",
      '[id$="_divRplyFwdMsg"]',
      "#mail-editor-reference-message-container",
      "blockquote",
    ],
  },
  signature: {
    name: "outlook.signature",
    selectors: ["#Signature", '[id^="Signature"]', '[id^="signature"]'],
  },
} satisfies Record<string, Hook>;

/** Ancestors are searched this far up for the compose's recipient wells. */
const MAX_CLIMB = 12;

const isBelowOwnText = (el: Element) =>
  matchesAny(el, outlookHooks.quote) || matchesAny(el, outlookHooks.signature);

/** The recipient wells inside `root`, never the message body itself. */
const wellsOf = (root: HTMLElement, body: HTMLElement) =>
  queryAll(root, outlookHooks.recipientWell).filter((well) => !body.contains(well));

/** The compose of a body: its dialog, or the nearest ancestor holding a recipient well or subject. */
function composeRoot(body: HTMLElement): HTMLElement {
  const dialog = closestOf(body, outlookHooks.composeDialog);
  if (dialog) return dialog;
  let node: HTMLElement | null = body.parentElement;
  for (let i = 0; node && i < MAX_CLIMB; i += 1, node = node.parentElement) {
    if (wellsOf(node, body).length > 0 || queryFirst(node, outlookHooks.subject)) return node;
  }
  return body.parentElement ?? body;
}

/** Addresses a persona exposes: its tooltip or label, its hover-card id, or its text ("Ann <ann@x.com>"). */
function addressesOf(personas: readonly Element[]): string[] {
  return emailsIn(
    personas.flatMap((el) => [
      el.getAttribute("title") ?? "",
      el.getAttribute("aria-label") ?? "",
      el.getAttribute("data-lpc-hover-target-id") ?? "",
      el.textContent ?? "",
    ]),
  );
}

function recipientsIn(root: HTMLElement, body: HTMLElement): string[] {
  const wells = wellsOf(root, body);
  // chips sit in the wells; an address typed but not yet resolved is the well's own text
  const chips = wells.flatMap((well) => queryAll(well, outlookHooks.persona));
  return chips.length > 0 ? addressesOf(chips) : addressesOf(wells);
}

function readingPane(doc: Document): HTMLElement {
  return queryFirst(doc, outlookHooks.readingPane) ?? doc.body;
}

/** The open conversation's expanded message bodies, outside any compose. */
function conversationBodies(doc: Document): HTMLElement[] {
  const editors = queryAll(doc, outlookHooks.composeBody);
  return queryAll(readingPane(doc), outlookHooks.messageBody).filter(
    (el) => !editors.some((editor) => editor.contains(el) || el.contains(editor)),
  );
}

/**
 * The newest message of the open conversation, as text (read here, never sent). Outlook lists the
 * newest on top by default; with "newest on the bottom" the inline reply follows every message.
 */
export function latestConversationMessage(doc: Document, reply?: HTMLElement): string {
  const bodies = conversationBodies(doc);
  const replyBelow =
    reply !== undefined &&
    bodies.length > 0 &&
    bodies.every((b) => b.compareDocumentPosition(reply) & Node.DOCUMENT_POSITION_FOLLOWING);
  const newest = replyBelow ? bodies.at(-1) : bodies[0];
  return newest ? blockText(newest, undefined, isBelowOwnText) : "";
}

function threadSubjectElement(doc: Document): HTMLElement | null {
  return queryFirst(readingPane(doc), outlookHooks.threadSubject);
}

const threadSubject = (doc: Document) =>
  threadSubjectElement(doc)?.textContent?.replace(/\s+/g, " ").trim() ?? "";

export function readCompose(body: HTMLElement, doc: Document = body.ownerDocument): PageContext {
  const root = composeRoot(body);
  const missing: string[] = [];
  const recipients = recipientsIn(root, body);
  if (recipients.length === 0 && wellsOf(root, body).length === 0) {
    missing.push(outlookHooks.recipientWell.name);
  }
  const inConversation = conversationBodies(doc).length > 0;
  const subjectField = queryFirst<HTMLInputElement>(root, outlookHooks.subject);
  // an inline reply has no subject field: it answers the open conversation
  const subject = subjectField?.value || (inConversation ? threadSubject(doc) : "");
  const draft = blockText(body, undefined, isBelowOwnText);
  const latest = inConversation ? latestConversationMessage(doc, root) : "";
  for (const name of missing) reportMiss({ name, selectors: [] });
  return { recipients, subject, text: [draft, latest].filter(Boolean).join("\n\n"), title: "", missing };
}

export function readConversation(doc: Document): PageContext {
  const pane = readingPane(doc);
  const replies = queryAll(doc, outlookHooks.composeBody).map(composeRoot);
  // the people of the conversation's headers, not the chips of an open reply
  const personas = queryAll(pane, outlookHooks.persona).filter(
    (el) => !replies.some((root) => root.contains(el)),
  );
  const recipients = addressesOf(personas);
  const missing = recipients.length === 0 ? [outlookHooks.persona.name] : [];
  for (const name of missing) reportMiss({ name, selectors: [] });
  return {
    recipients,
    subject: threadSubject(doc),
    text: latestConversationMessage(doc, replies[0]),
    title: "",
    missing,
  };
}

/** Every open compose (inline reply, new message, popped-out window) and the open conversation. */
export function findOutlookTargets(doc: Document): PanelTarget[] {
  const targets: PanelTarget[] = [];
  for (const body of queryAll<HTMLElement>(doc, outlookHooks.composeBody)) {
    targets.push(composeTarget(body, composeRoot(body), () => readCompose(body, doc)));
  }
  const heading = threadSubjectElement(doc);
  const anchor = heading?.closest<HTMLElement>('[role="heading"]') ?? heading;
  if (anchor && conversationBodies(doc).length > 0) {
    targets.push(readingTarget(anchor, () => readConversation(doc)));
  }
  return targets;
}
