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
  /** The rep's own signature in a draft: never read as what they wrote. */
  signature: {
    name: "gmail.signature",
    selectors: [".gmail_signature_prefix", ".gmail_signature", '[data-smartmail="gmail_signature"]'],
  },
  /** A message's sender ("From"). */
  sender: {
    name: "gmail.sender",
    selectors: ["span.gD[email]", ".gE [email]"],
  },
  /** The thread view's own right-hand column beside the messages (Gmail's people/side column). */
  threadRail: {
    name: "gmail.threadRail",
    selectors: ["td.Bu.y3", "div.y3"],
  },
} satisfies Record<string, Hook>;

/** Ancestors are searched this far up for the compose's subject and recipients. */
const MAX_CLIMB = 12;

const isQuote = (el: Element) => matchesAny(el, gmailHooks.quote);
/** What the rep wrote in a draft: neither the quoted history nor their own signature. */
const isNotDraft = (el: Element) => isQuote(el) || matchesAny(el, gmailHooks.signature);
/** "Re: Re: Fwd: Security review" and "返信: Security review" are the thread "Security review". */
const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|返信|転送)\s*[:：]\s*)+/i;
const baseSubject = (subject: string) => subject.replace(REPLY_PREFIX, "").trim().toLowerCase();

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

/** A message's own text, without its quoted history (read here, never sent). */
function messageText(message: HTMLElement): string {
  const body = queryFirst(message, gmailHooks.messageBody);
  if (!body) reportMiss(gmailHooks.messageBody);
  return body ? blockText(body, isQuote) : "";
}

/** The newest message of the open thread, as text (read here, never sent). */
export function latestThreadMessage(doc: Document): string {
  const last = threadMessages(doc).at(-1);
  return last ? messageText(last) : "";
}

/** The open thread's messages with their senders, oldest first. */
function threadConversation(doc: Document): { from: string; text: string }[] {
  return threadMessages(doc).map((message) => ({
    from: queryFirst(message, gmailHooks.sender)?.getAttribute("email")?.toLowerCase() ?? "",
    text: messageText(message),
  }));
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
  const inline = !closestOf(body, { name: "dialog", selectors: ['[role="dialog"]'] });
  const openThread = threadSubject(doc);
  const subject = subjectField?.value || (inline ? openThread : "");
  // an inline reply, or one popped out into its own window, answers the open thread
  const reply = inline || (openThread !== "" && baseSubject(subject) === baseSubject(openThread));
  const draft = blockText(body, isNotDraft);
  const messages = reply ? threadConversation(doc) : [];
  const text = [draft, messages.at(-1)?.text ?? ""].filter(Boolean).join("\n\n");
  for (const name of missing) reportMiss({ name, selectors: [] });
  return { recipients, subject, text, title: "", missing, messages };
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
  const conversation = threadConversation(doc);
  const text = conversation.at(-1)?.text ?? "";
  return { recipients, subject: threadSubject(doc), text, title: "", missing, messages: conversation };
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
  // beside the thread in its right-hand column; above the messages when Gmail shows none
  const rail = messages.length > 0 ? queryFirst(doc, gmailHooks.threadRail) : null;
  if (messages.length > 0 && threadAnchor) {
    const reading = readingTarget(threadAnchor, () => readThread(doc));
    targets.push(
      rail ? { ...reading, anchor: rail, insertPosition: "afterbegin", placement: "rail" } : reading,
    );
  }
  return targets;
}
