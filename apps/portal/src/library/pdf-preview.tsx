import { Button, Stack, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../ui/error-alert";
import { PageLoader } from "../ui/page-loader";

type PdfLoadingTask = ReturnType<typeof import("pdfjs-dist")["getDocument"]>;
type PdfDocument = Awaited<PdfLoadingTask["promise"]>;

const PAGES_AT_ONCE = 5;
const MAX_WIDTH = 760;
const pageNumbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** pdf.js is fetched here, on the first PDF shown, never with the rest of the portal. */
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

function PdfPage({ doc, number }: { doc: PdfDocument; number: number }) {
  const { t } = useTranslation("library");
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void } | undefined;
    void doc.getPage(number).then((page) => {
      const target = canvas.current;
      if (cancelled || !target) return;
      const base = page.getViewport({ scale: 1 });
      // drawn at the widest size shown, times the screen's density; CSS scales it down to the column
      const viewport = page.getViewport({ scale: (MAX_WIDTH / base.width) * (window.devicePixelRatio || 1) });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      const render = page.render({ canvas: target, viewport });
      task = render;
      render.promise.catch(() => undefined); // cancelled on unmount
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, number]);
  return (
    <canvas
      ref={canvas}
      aria-label={t("preview.page", { number })}
      style={{
        display: "block",
        width: "100%",
        maxWidth: MAX_WIDTH,
        height: "auto",
        boxShadow: "0 1px 4px rgba(0,0,0,.2)",
        background: "white",
      }}
    />
  );
}

/** The PDF's pages as canvases, a few at a time. */
export function PdfPreview({ url }: { url: string }) {
  const { t } = useTranslation("library");
  const [doc, setDoc] = useState<PdfDocument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState(PAGES_AT_ONCE);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the load on Retry
  useEffect(() => {
    let cancelled = false;
    let task: PdfLoadingTask | null = null;
    setError(null);
    openPdf(url)
      .then((t) => {
        task = t;
        if (cancelled) return void t.destroy();
        return t.promise.then((d) => !cancelled && setDoc(d));
      })
      .catch((err: unknown) => !cancelled && setError(err));
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [url, attempt]);

  if (error) {
    return <ErrorAlert title={t("preview.failed")} error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  }
  if (!doc) return <PageLoader />;
  const pages = Math.min(shown, doc.numPages);
  return (
    <Stack gap="md" align="center" data-testid="pdf-preview">
      {pageNumbers(pages).map((n) => (
        <PdfPage key={n} doc={doc} number={n} />
      ))}
      {pages < doc.numPages ? (
        <Button variant="default" onClick={() => setShown((n) => n + PAGES_AT_ONCE)}>
          {t("preview.morePages", { count: doc.numPages - pages })}
        </Button>
      ) : (
        <Text size="xs" c="dimmed">
          {t("preview.pageCount", { count: doc.numPages })}
        </Text>
      )}
    </Stack>
  );
}
