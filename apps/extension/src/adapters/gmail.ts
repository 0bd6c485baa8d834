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

/** Gmail's DOM hooks; aria-labels are localized (English/Japanese UI), so none relies on one alone. */
export const gmailHooks = {
  composeBody: {
    name: "gmail.composeBody",
    selectors: [
      'div[contenteditable="true"][role="textbox"][g_editable="true"]',
      'div[contenteditable="true"][role="textbox"][aria-multiline="true"]',
      'div.editable[contenteditable="true"]',
    ],
  },
  composeWindow: {
    name: "gmail.composeWindow",
    selectors: ['[role="dialog"]', "div.M9", "td.I5"],
  },
  subject: {
    name: "gmail.subject",
    selectors: ['input[name="subjectbox"]', 'input[name="subject"]'],
  },
  recipients: {
    name: "gmail.recipients",
    selectors: [
      '[data-hovercard-id*="@"]',
      "[email]",
      'input[name="to"], input[name="cc"], input[name="bcc"]',
    ],
  },
  /** The To field itself: present (and empty) in a new compose window before any recipient is added. */
  recipientField: {
    name: "gmail.recipientField",
    selectors: ["input[peoplekit-id]", '[role="combobox"]', 'textarea[name="to"]', 'input[name="to"]'],
  },
  message: {
    name: "gmail.message",
    selectors: ["[data-message-id]", "[data-legacy-message-id]", "div.adn"],
  },
  messageBody: {
    name: "gmail.messageBody",
    selectors: [".a3s", 'div[dir="ltr"]', 'div[dir="auto"]'],
  },
  threadSubject: {
    name: "gmail.threadSubject",
    selectors: ["h2[data-thread-perm-id]", "h2[data-legacy-thread-id]", "h2.hP"],
  },
  threadRoot: {
    name: "gmail.threadRoot",
    selectors: ['[role="main"]', "div.nH.g"],
  },
  quote: {
    name: "gmail.quote",
    selectors: [".gmail_quote", "blockquote", ".gmail_extra"],
  },
  signature: {
    name: "gmail.signature",
    selectors: [".gmail_signature_prefix", ".gmail_signature", '[data-smartmail="gmail_signature"]'],
  },
} satisfies Record<string, Hook>;

/** Ancestors are searched this far up for the compose's subject and recipients. */
const MAX_CLIMB = 12;

const isQuote = (el: Element) => matchesAny(el, gmailHooks.quote);

/** The compose window of a body: its dialog, or the nearest ancestor that holds a subject field. */
function composeRoot(body: HTMLElement): HTMLElement {
  const dialog = closestOf(body, gmailHooks.composeWindow);
  if (dialog) return dialog;
  let node: HTMLElement | null = body.parentElement;
  for (let i = 0; node && i < MAX_CLIMB; i += 1, node = node.parentElement) {
    if (queryFirst(node, gmailHooks.subject)) return node;
  }
  return body.parentElement ?? body;
}

function recipientsIn(root: ParentNode, exclude?: Element): string[] {
  const elements = queryAll<HTMLElement>(root, gmailHooks.recipients).filter((el) => !exclude?.contains(el));
  return emailsIn(
    elements.map(
      (el) =>
        el.getAttribute("data-hovercard-id") ??
        el.getAttribute("email") ??
        (el as HTMLInputElement).value ??
        "",
    ),
  );
}

function threadMessages(doc: Document): HTMLElement[] {
  const main = queryFirst(doc, gmailHooks.threadRoot) ?? doc.body;
  return queryAll<HTMLElement>(main, gmailHooks.message);
}

/** The newest message of the open thread, as text (read here, never sent). */
export function latestThreadMessage(doc: Document): string {
  const last = threadMessages(doc).at(-1);
  if (!last) return "";
  const body = queryFirst(last, gmailHooks.messageBody);
  if (!body) reportMiss(gmailHooks.messageBody);
  return body ? blockText(body, isQuote) : "";
}

function threadSubject(doc: Document): string {
  return queryFirst(doc, gmailHooks.threadSubject)?.textContent?.trim() ?? "";
}

export function readCompose(body: HTMLElement, doc: Document = body.ownerDocument): PageContext {
  const root = composeRoot(body);
  const missing: string[] = [];
  const recipients = recipientsIn(root, body);
  if (recipients.length === 0 && !queryFirst(root, gmailHooks.recipientField)) {
    missing.push(gmailHooks.recipients.name);
  }
  const subjectField = queryFirst<HTMLInputElement>(root, gmailHooks.subject);
  const inThread = !closestOf(body, { name: "dialog", selectors: ['[role="dialog"]'] });
  const subject = subjectField?.value || (inThread ? threadSubject(doc) : "");
  const draft = blockText(body, isQuote);
  // a reply also answers the thread's newest message
  const text = inThread ? [draft, latestThreadMessage(doc)].filter(Boolean).join("\n\n") : draft;
  for (const name of missing) reportMiss({ name, selectors: [] });
  return { recipients, subject, text, title: "", missing };
}

export function readThread(doc: Document): PageContext {
  const messages = threadMessages(doc);
  const missing: string[] = [];
  // participants of the thread, outside any open reply box
  const recipients = emailsIn(
    messages.flatMap((m) =>
      queryAll(m, gmailHooks.recipients).map(
        (el) => el.getAttribute("email") ?? el.getAttribute("data-hovercard-id") ?? "",
      ),
    ),
  );
  if (recipients.length === 0) missing.push(gmailHooks.recipients.name);
  return { recipients, subject: threadSubject(doc), text: latestThreadMessage(doc), title: "", missing };
}

/** Every open compose window (pop-up or inline reply) and the open thread. */
export function findGmailTargets(doc: Document): PanelTarget[] {
  const targets: PanelTarget[] = [];
  for (const body of queryAll<HTMLElement>(doc, gmailHooks.composeBody)) {
    targets.push(composeTarget(body, composeRoot(body), () => readCompose(body, doc)));
  }
  const messages = threadMessages(doc);
  const subject = queryFirst(doc, gmailHooks.threadSubject);
  const threadAnchor = subject ?? messages[0]?.parentElement ?? null;
  if (messages.length > 0 && threadAnchor) {
    targets.push(readingTarget(threadAnchor, () => readThread(doc)));
  }
  return targets;
}
