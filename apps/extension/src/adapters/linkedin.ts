import { blockText, closestOf, type Hook, queryAll, queryFirst, reportMiss } from "./hooks";
import { composeTarget, type PageContext, type PanelTarget, readingTarget } from "./page-context";

/** LinkedIn's DOM hooks: data attributes and roles first; class names only as the last fallback. */
export const linkedinHooks = {
  profileName: {
    name: "linkedin.profileName",
    selectors: ['main [data-anonymize="person-name"]', "main section h1", "h1.text-heading-xlarge"],
  },
  profileHeadline: {
    name: "linkedin.profileHeadline",
    selectors: [
      "main [data-generated-suggestion-target]",
      'main [data-anonymize="headline"]',
      "main .text-body-medium.break-words",
    ],
  },
  messageBox: {
    name: "linkedin.messageBox",
    selectors: [
      'form [contenteditable="true"][role="textbox"]',
      '[contenteditable="true"][role="textbox"][aria-multiline="true"]',
      '.msg-form__contenteditable[contenteditable="true"]',
    ],
  },
  conversation: {
    name: "linkedin.conversation",
    selectors: [
      '[data-view-name="message-overlay-conversation-bubble"]',
      ".msg-overlay-conversation-bubble",
      ".msg-convo-wrapper",
      "form",
    ],
  },
  conversationHeadline: {
    name: "linkedin.conversationHeadline",
    selectors: [
      '[data-anonymize="headline"]',
      ".msg-s-profile-card .artdeco-entity-lockup__subtitle",
      ".msg-entity-lockup__entity-info .artdeco-entity-lockup__subtitle",
    ],
  },
  message: {
    name: "linkedin.message",
    selectors: ["[data-event-urn]", ".msg-s-event-listitem"],
  },
  messageBody: {
    name: "linkedin.messageBody",
    selectors: [".msg-s-event-listitem__body", "p"],
  },
} satisfies Record<string, Hook>;

const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, " ").trim() ?? "";

function readProfile(doc: Document): PageContext {
  const headline = text(queryFirst(doc, linkedinHooks.profileHeadline));
  if (!headline) reportMiss(linkedinHooks.profileHeadline);
  return {
    recipients: [],
    subject: "",
    text: "",
    title: headline,
    missing: headline ? [] : [linkedinHooks.profileHeadline.name],
  };
}

function readConversation(doc: Document, box: HTMLElement, profilePage: boolean): PageContext {
  const root = closestOf(box, linkedinHooks.conversation) ?? box.parentElement ?? box;
  const messages = queryAll(root, linkedinHooks.message);
  const last = messages.at(-1);
  const lastBody = last ? queryFirst(last, linkedinHooks.messageBody) : null;
  const latest = lastBody ? blockText(lastBody) : "";
  // the conversation's own profile card, else the profile page it was opened on
  const headline =
    text(queryFirst(root, linkedinHooks.conversationHeadline)) ||
    (profilePage ? text(queryFirst(doc, linkedinHooks.profileHeadline)) : "");
  return {
    recipients: [],
    subject: "",
    text: [blockText(box), latest].filter(Boolean).join("\n\n"),
    title: headline,
    missing: headline ? [] : [linkedinHooks.conversationHeadline.name],
  };
}

const isProfilePage = (doc: Document) => /^\/in\/[^/]+/.test(doc.location?.pathname ?? "");

/** The profile card of a profile page, and every open message box (messaging page or overlay). */
export function findLinkedInTargets(doc: Document, profilePage = isProfilePage(doc)): PanelTarget[] {
  const targets: PanelTarget[] = [];
  const name = profilePage ? queryFirst(doc, linkedinHooks.profileName) : null;
  const card = name?.closest<HTMLElement>("section") ?? name;
  if (card) {
    targets.push(readingTarget(card, () => readProfile(doc)));
  }
  for (const box of queryAll<HTMLElement>(doc, linkedinHooks.messageBox)) {
    const root = closestOf(box, linkedinHooks.conversation) ?? box;
    targets.push(composeTarget(box, root, () => readConversation(doc, box, profilePage)));
  }
  return targets;
}
