/** A DOM hook: ordered fallback selectors, roles and data attributes first, class names last. */
export interface Hook {
  name: string;
  selectors: readonly string[];
}

const reported = new Set<string>();

/** Logs a hook that found nothing once per page, so a Gmail/LinkedIn/Outlook redesign shows up in the console. */
export function reportMiss(hook: Hook): void {
  if (reported.has(hook.name)) return;
  reported.add(hook.name);
  console.info(`[pitchside] no element for "${hook.name}"; the panel falls back to manual mode`);
}

/** The first element the first matching selector finds. */
export function queryFirst<E extends Element = HTMLElement>(root: ParentNode, hook: Hook): E | null {
  for (const selector of hook.selectors) {
    const found = root.querySelector<E>(selector);
    if (found) return found;
  }
  return null;
}

/** Every element of the first selector that finds any. */
export function queryAll<E extends Element = HTMLElement>(root: ParentNode, hook: Hook): E[] {
  for (const selector of hook.selectors) {
    const found = [...root.querySelectorAll<E>(selector)];
    if (found.length > 0) return found;
  }
  return [];
}

/** Whether the element matches any of the hook's selectors. */
export function matchesAny(el: Element, hook: Hook): boolean {
  return hook.selectors.some((selector) => el.matches(selector));
}

/** The closest ancestor (or the element itself) matching the first selector that matches any. */
export function closestOf(el: Element, hook: Hook): HTMLElement | null {
  for (const selector of hook.selectors) {
    const found = el.closest<HTMLElement>(selector);
    if (found) return found;
  }
  return null;
}

const BLOCK = /^(DIV|P|BR|LI|UL|OL|TR|H[1-6]|BLOCKQUOTE|PRE|TABLE)$/;

/**
 * Text with line breaks at block boundaries (what `innerText` gives in a browser), without layout,
 * so it reads the same in tests; `skip` drops subtrees such as quoted history, `stopAt` drops an
 * element and everything after it (Outlook's quoted history follows its header as siblings).
 */
export function blockText(
  el: Node,
  skip?: (el: Element) => boolean,
  stopAt?: (el: Element) => boolean,
): string {
  const parts: string[] = [];
  let stopped = false;
  const walk = (node: Node) => {
    if (stopped) return;
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? "");
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element !== el && stopAt?.(element)) {
      stopped = true;
      return;
    }
    if (skip?.(element) || element.tagName === "STYLE" || element.tagName === "SCRIPT") return;
    const block = BLOCK.test(element.tagName);
    if (block) parts.push("\n");
    for (const child of element.childNodes) walk(child);
    if (block && element.tagName !== "BR") parts.push("\n");
  };
  walk(el);
  return parts
    .join("")
    .replace(/\u00a0/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const EMAIL = /[^\s<>"',;]+@[^\s<>"',;]+\.[^\s<>"',;]+/g;

/** Email addresses in attribute values or typed fields ("Ann <ann@x.com>, bob@y.com"). */
export function emailsIn(values: readonly string[]): string[] {
  const found = values.flatMap((v) => v.match(EMAIL) ?? []).map((e) => e.toLowerCase());
  return [...new Set(found)];
}
