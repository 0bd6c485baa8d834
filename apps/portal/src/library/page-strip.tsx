import { type KeyboardEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { PageUnit } from "./page-links";
import classes from "./pdf-preview.module.css";

export interface StripPage {
  number: number;
  /** The page's small picture; without one the strip shows its number. */
  imageUrl: string | null;
  /** width / height, so each picture's frame has its shape before it loads. */
  aspect: number;
}

/** Scrolls `container` (and nothing around it) just enough to show `el`. */
function keepInView(container: HTMLElement, el: HTMLElement) {
  const box = container.getBoundingClientRect();
  const item = el.getBoundingClientRect();
  if (item.top < box.top) container.scrollTop -= box.top - item.top;
  else if (item.bottom > box.bottom) container.scrollTop += item.bottom - box.bottom;
  if (item.left < box.left) container.scrollLeft -= box.left - item.left;
  else if (item.right > box.right) container.scrollLeft += item.right - box.right;
}

const keySteps: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

/**
 * The document's pages as small pictures; the page in view is marked and kept in sight. One
 * button is in the tab order; arrow keys, Home and End move between pages.
 */
export function PageStrip({
  pages,
  current,
  onSelect,
  unit = "page",
}: {
  pages: readonly StripPage[];
  current: number;
  onSelect: (page: number) => void;
  unit?: PageUnit;
}) {
  const { t } = useTranslation("library");
  const strip = useRef<HTMLElement>(null);
  const buttons = useRef(new Map<number, HTMLButtonElement>());

  useEffect(() => {
    const button = buttons.current.get(current);
    if (strip.current && button) keepInView(strip.current, button);
  }, [current]);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, page: number) => {
    const last = pages.length;
    const step = keySteps[e.key];
    const target = step !== undefined ? page + step : e.key === "Home" ? 1 : e.key === "End" ? last : null;
    if (target == null) return;
    e.preventDefault();
    const next = Math.min(Math.max(target, 1), last);
    onSelect(next);
    buttons.current.get(next)?.focus();
  };

  return (
    <nav ref={strip} className={classes.strip} aria-label={t("preview.strip")}>
      <ol>
        {pages.map((page) => (
          <li key={page.number}>
            <button
              ref={(el) => {
                if (el) buttons.current.set(page.number, el);
                else buttons.current.delete(page.number);
              }}
              type="button"
              className={classes.thumb}
              aria-label={t(unit === "slide" ? "preview.goToSlide" : "preview.goToPage", {
                number: page.number,
              })}
              aria-current={page.number === current ? "page" : undefined}
              tabIndex={page.number === current ? 0 : -1}
              onClick={() => onSelect(page.number)}
              onKeyDown={(e) => onKeyDown(e, page.number)}
            >
              <span className={classes.frame} style={{ aspectRatio: page.aspect }}>
                {page.imageUrl ? <img src={page.imageUrl} alt="" loading="lazy" /> : page.number}
              </span>
              <span aria-hidden>{page.number}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
