import { Text } from "@mantine/core";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../ui/error-alert";
import { PageLoader } from "../ui/page-loader";
import type { PageUnit } from "./page-links";
import { PageStrip, type StripPage } from "./page-strip";
import classes from "./pdf-preview.module.css";

type PdfLoadingTask = ReturnType<typeof import("pdfjs-dist")["getDocument"]>;
type PdfDocument = Awaited<PdfLoadingTask["promise"]>;

/** A page's number and its size at scale 1, in PDF points. */
interface PageSize {
  number: number;
  width: number;
  height: number;
}

const MAX_WIDTH = 760;
/** The column's padding above the first page: a page scrolled to sits just below the top edge. */
const TOP_GAP = 16;
/** The page in view is the one under this line, a share of the way down the viewer. */
const READING_LINE = 0.3;
/** Pages are drawn this far (one viewer height) above and below what is shown, and dropped past it. */
const NEAR_MARGIN = "100% 0px";

/** pdf.js is fetched here, on the first document shown, never with the rest of the portal. */
async function openPdf(url: string): Promise<PdfLoadingTask> {
  const [pdfjs, worker] = await Promise.all([
    import("pdfjs-dist"),
    import("pdfjs-dist/build/pdf.worker.min.mjs?url"),
  ]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  // fonts and decoders come from the API, which serves them for the public viewer too
  return pdfjs.getDocument({
    url,
    standardFontDataUrl: "/s/_/standard_fonts/",
    wasmUrl: "/s/_/wasm/",
  });
}

/** Every page's size, so the column has its full height (and ?page=N its place) before any page is drawn. */
function pageSizes(doc: PdfDocument): Promise<PageSize[]> {
  return Promise.all(
    Array.from({ length: doc.numPages }, async (_, i) => {
      const { width, height } = (await doc.getPage(i + 1)).getViewport({ scale: 1 });
      return { number: i + 1, width, height };
    }),
  );
}

/** One page drawn at the width it is shown, times the screen's density; freed when it scrolls far away. */
function PageCanvas({ doc, number }: { doc: PdfDocument; number: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void } | undefined;
    let loaded: Awaited<ReturnType<PdfDocument["getPage"]>> | undefined;
    void doc.getPage(number).then((page) => {
      loaded = page;
      const target = canvas.current;
      if (cancelled || !target) return;
      const shown = Math.min(target.parentElement?.clientWidth || MAX_WIDTH, MAX_WIDTH);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (shown / base.width) * (window.devicePixelRatio || 1) });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      const render = page.render({ canvas: target, viewport });
      task = render;
      render.promise.catch(() => undefined); // cancelled when it scrolls away
    });
    const drawn = canvas.current;
    return () => {
      cancelled = true;
      task?.cancel();
      loaded?.cleanup();
      // a canvas's pixels outlive its element until collected; a long deck would hold them all
      if (drawn) {
        drawn.width = 0;
        drawn.height = 0;
      }
    };
  }, [doc, number]);
  return <canvas ref={canvas} aria-hidden />;
}

/** A page's place in the column, sized from its viewport; drawn only while it is near the view. */
const PageSlot = memo(function PageSlot({
  doc,
  number,
  size,
  near,
  unit,
  register,
}: {
  doc: PdfDocument;
  number: number;
  size: PageSize;
  near: boolean;
  unit: PageUnit;
  register: (page: number, el: HTMLDivElement | null) => void;
}) {
  const { t } = useTranslation("library");
  return (
    <div
      ref={(el) => register(number, el)}
      className={classes.slot}
      data-page={number}
      role="img"
      aria-label={t(unit === "slide" ? "preview.slide" : "preview.page", { number })}
      style={{ aspectRatio: `${size.width} / ${size.height}` }}
    >
      {near && <PageCanvas doc={doc} number={number} />}
    </div>
  );
});

/** The last page whose top is above `line` (slots are in order, so a binary search). */
function pageAt(slots: ReadonlyMap<number, HTMLElement>, count: number, line: number): number {
  let lo = 1;
  let hi = count;
  let found = 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const top = slots.get(mid)?.offsetTop ?? 0;
    if (top <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function DocumentPages({
  doc,
  sizes,
  images,
  initialPage,
  unit,
}: {
  doc: PdfDocument;
  sizes: readonly PageSize[];
  images: ReadonlyMap<number, string | null>;
  initialPage: number | null;
  unit: PageUnit;
}) {
  const { t } = useTranslation("library");
  const count = sizes.length;
  const viewer = useRef<HTMLElement>(null);
  const column = useRef<HTMLDivElement>(null);
  const slots = useRef(new Map<number, HTMLDivElement>());
  /** Where we last scrolled to a page: until the reader scrolls, that page is the one in view. */
  const pinned = useRef<{ page: number; top: number } | null>(null);
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set());
  const [current, setCurrent] = useState(1);

  const register = useCallback((page: number, el: HTMLDivElement | null) => {
    if (el) slots.current.set(page, el);
    else slots.current.delete(page);
  }, []);

  const scrollToPage = useCallback(
    (page: number) => {
      const box = viewer.current;
      const target = Math.min(Math.max(page, 1), count);
      const slot = slots.current.get(target);
      if (!box || !slot) return;
      box.scrollTop = slot.offsetTop - TOP_GAP;
      pinned.current = { page: target, top: box.scrollTop };
      setCurrent(target);
    },
    [count],
  );

  // a search hit's page (?page=N) is where the reader starts
  useLayoutEffect(() => {
    if (initialPage) scrollToPage(initialPage);
  }, [initialPage, scrollToPage]);

  // the page in view follows the reader's scrolling, once a frame at most
  useEffect(() => {
    const box = viewer.current;
    if (!box) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const at = pinned.current;
      if (at && Math.abs(box.scrollTop - at.top) < 1) return;
      pinned.current = null;
      const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
      setCurrent(
        atEnd && box.scrollTop > 0
          ? count
          : pageAt(slots.current, count, box.scrollTop + box.clientHeight * READING_LINE),
      );
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    box.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      box.removeEventListener("scroll", onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [count]);

  // while the layout settles (fonts, a scrollbar, a resized window) a page scrolled to stays in place
  useEffect(() => {
    const el = column.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) scrollToPage(pinned.current.page);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollToPage]);

  // pages are drawn as they come near the view, so a long deck costs what is on screen
  useEffect(() => {
    const box = viewer.current;
    if (!box) return;
    if (typeof IntersectionObserver === "undefined") {
      setNear(new Set(slots.current.keys()));
      return;
    }
    const observer = new IntersectionObserver(
      (entries) =>
        setNear((previous) => {
          const next = new Set(previous);
          for (const entry of entries) {
            const page = Number((entry.target as HTMLElement).dataset.page);
            if (entry.isIntersecting) next.add(page);
            else next.delete(page);
          }
          return next;
        }),
      { root: box, rootMargin: NEAR_MARGIN },
    );
    for (const slot of slots.current.values()) observer.observe(slot);
    return () => observer.disconnect();
  }, []);

  const strip = useMemo<StripPage[]>(
    () =>
      sizes.map((size) => ({
        number: size.number,
        imageUrl: images.get(size.number) ?? null,
        aspect: size.width / size.height,
      })),
    [sizes, images],
  );

  return (
    <div className={classes.viewer} data-testid="pdf-preview">
      {count > 1 && <PageStrip pages={strip} current={current} onSelect={scrollToPage} unit={unit} />}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard */}
      <section ref={viewer} className={classes.pages} aria-label={t("preview.pages")} tabIndex={0}>
        <div ref={column} className={classes.column}>
          {sizes.map((size) => (
            <PageSlot
              key={size.number}
              doc={doc}
              number={size.number}
              size={size}
              near={near.has(size.number)}
              unit={unit}
              register={register}
            />
          ))}
          <Text size="xs" c="dimmed">
            {t(unit === "slide" ? "preview.slideCount" : "preview.pageCount", { count })}
          </Text>
        </div>
      </section>
    </div>
  );
}

/**
 * A document's PDF rendition: a column of pages drawn as they come into view, the page strip
 * beside it, opened at `initialPage` when given.
 */
export function PdfPreview({
  url,
  pages,
  initialPage,
  unit = "page",
}: {
  url: string;
  /** The pictures of the current version's pages (asset.pages). */
  pages: readonly { number: number; imageUrl: string | null }[];
  initialPage: number | null;
  /** A presentation's pages are slides. */
  unit?: PageUnit;
}) {
  const { t } = useTranslation("library");
  const [loaded, setLoaded] = useState<{ doc: PdfDocument; sizes: PageSize[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the load on Retry
  useEffect(() => {
    let cancelled = false;
    let task: PdfLoadingTask | null = null;
    setError(null);
    setLoaded(null);
    openPdf(url)
      .then(async (opened) => {
        task = opened;
        if (cancelled) return void opened.destroy();
        const doc = await opened.promise;
        const sizes = await pageSizes(doc);
        if (!cancelled) setLoaded({ doc, sizes });
      })
      .catch((err: unknown) => !cancelled && setError(err));
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [url, attempt]);

  const images = useMemo(() => new Map(pages.map((p) => [p.number, p.imageUrl])), [pages]);

  if (error) {
    return <ErrorAlert title={t("preview.failed")} error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  }
  if (!loaded) return <PageLoader />;
  return (
    <DocumentPages
      doc={loaded.doc}
      sizes={loaded.sizes}
      images={images}
      initialPage={initialPage}
      unit={unit}
    />
  );
}
