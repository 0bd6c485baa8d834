import { loadImage } from "@napi-rs/canvas";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeOdp, makePdf, makeTempDir, makeZipBomb } from "../../../testing/test-files";
import { type DetectedFile, FILE_TYPES } from "./detect-type";
import { ProcessingError } from "./extract";
import { PAGE_IMAGE_WIDTH } from "./pdf-pages";
import {
  closeProcessingWorkers,
  idleProcessingWorkers,
  renderCardInWorker,
  renderPagesInWorker,
  runProcessing,
  setProcessingIdleExit,
} from "./run-processing";

let files: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  files = await makeTempDir();
});
afterAll(async () => {
  await closeProcessingWorkers();
  await files.remove();
});

const PDF: DetectedFile = { kind: "pdf", mime: "application/pdf", ext: "pdf" };
const TEXT: DetectedFile = { kind: "text", mime: "text/plain; charset=utf-8", ext: "txt" };

describe("runProcessing (worker thread)", () => {
  it("processes a PDF in the worker", async () => {
    const path = await files.write(
      "deck.pdf",
      await makePdf({ pages: ["価格が高すぎる", "二ページ目"], japanese: true }),
    );
    const result = await runProcessing(path, PDF);
    expect(result.text.split("\n")).toContain("価格が高すぎる");
    expect(result.pageCount).toBe(2);
    expect(result.language).toBe("ja");
  });

  it("draws every page and a card in the worker, handing the pictures back as Buffers", async () => {
    const path = await files.write("pages.pdf", await makePdf({ pages: ["One", "Two", "Three"] }));
    const rendered = await renderPagesInWorker(path);
    expect(rendered.pageCount).toBe(3);
    expect(rendered.pages.map((p) => p.text.split("\n")[0])).toEqual(["One", "Two", "Three"]);
    for (const page of rendered.pages) {
      const image = await loadImage(Buffer.from(page.image ?? new Uint8Array()));
      expect({ width: image.width, height: image.height }).toEqual({ width: PAGE_IMAGE_WIDTH, height: 340 });
    }
    expect(Buffer.isBuffer(rendered.thumbnail?.data)).toBe(true);
    const card = await loadImage(rendered.thumbnail?.data ?? Buffer.alloc(0));
    expect(card.width).toBe(400);
  });

  it("draws a card for a file without pages, in the language's face", async () => {
    const card = await renderCardInWorker({
      tone: "markdown",
      label: "MARKDOWN",
      title: "アクメ対策カード",
      body: "価格で勝負しない。導入の速さを見せる。",
      language: "ja",
    });
    const image = await loadImage(card.data);
    expect({ width: image.width, height: image.height, mime: card.mime }).toEqual({
      width: 400,
      height: 300,
      mime: "image/webp",
    });
  });

  it("turns the worker's refusal into a ProcessingError", async () => {
    const path = await files.write("bomb.docx", makeZipBomb());
    const failure = runProcessing(path, { kind: "docx", mime: "", ext: "docx" });
    await expect(failure).rejects.toBeInstanceOf(ProcessingError);
    await expect(failure).rejects.toThrow("Archive would inflate to more than 200 MB (zip bomb guard)");
  });

  it("terminates a worker that runs past the timeout; the next file gets a fresh one", async () => {
    const pages = Array.from(
      { length: 20 },
      (_, i) => `Page ${i + 1}\n${"Some words on a page. ".repeat(20)}`,
    );
    const path = await files.write("slow.pdf", await makePdf({ pages }));
    const started = performance.now();
    const failure = runProcessing(path, PDF, { timeoutMs: 5 });
    await expect(failure).rejects.toBeInstanceOf(ProcessingError);
    await expect(failure).rejects.toThrow("Processing took longer than 5 ms");
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await runProcessing(path, PDF)).pageCount).toBe(20);
  });

  it("runs files one after another in a kept-warm worker, and several at once", async () => {
    const paths = await Promise.all(
      ["one", "two", "three"].map(async (word) =>
        files.write(`${word}.pdf`, await makePdf({ pages: [`Page with the word ${word}`] })),
      ),
    );
    for (const [i, path] of paths.entries()) {
      expect((await runProcessing(path, PDF)).text).toContain(["one", "two", "three"][i]);
    }
    const together = await Promise.all(paths.map((path) => runProcessing(path, PDF)));
    expect(together.map((r) => r.text.split("\n")[0])).toEqual([
      "Page with the word one",
      "Page with the word two",
      "Page with the word three",
    ]);
  });

  it("turns running out of memory into a ProcessingError, and the process lives on", async () => {
    const small = await files.write("small.txt", "Fits easily.\n");
    expect((await runProcessing(small, TEXT, { maxMemoryMb: 64 })).text).toBe("Fits easily.\n");
    const large = await files.write("large.txt", `${"Too large for a small heap. ".repeat(3_000_000)}\n`);
    const failure = runProcessing(large, TEXT, { maxMemoryMb: 64 });
    await expect(failure).rejects.toBeInstanceOf(ProcessingError);
    await expect(failure).rejects.toThrow("Processing needed more than 64 MB of memory");
  });

  it("passes a missing file's error through as is, not as the file's fault", async () => {
    const failure = runProcessing(`${files.dir}/gone.pdf`, PDF);
    await expect(failure).rejects.not.toBeInstanceOf(ProcessingError);
    await expect(failure).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("runProcessing hands back the text of each page", () => {
  it("of a PDF and of an ODP, from the worker thread", async () => {
    const pdf = await files.write("deck.pdf", await makePdf({ pages: ["First", "Second"] }));
    expect((await runProcessing(pdf, FILE_TYPES.pdf)).pages).toEqual(["First\n1", "Second\n2"]);
    const odp = await files.write(
      "deck.odp",
      await makeOdp([{ text: "価格", notes: "導入効果" }, { text: "Next" }]),
    );
    expect((await runProcessing(odp, FILE_TYPES.odp)).pages).toEqual(["価格\n\n導入効果", "Next"]);
  });

  it("null for a kind without pages", async () => {
    const path = await files.write("memo.txt", "Plain words.\n");
    expect((await runProcessing(path, FILE_TYPES.text)).pages).toBeNull();
  });
});

describe("a warm worker with nothing to do", () => {
  it("ends after the quiet period, and the next file starts another", async () => {
    setProcessingIdleExit(300);
    try {
      const path = await files.write("quiet.txt", "Before the quiet.\n");
      expect((await runProcessing(path, TEXT)).text).toBe("Before the quiet.\n");
      expect(idleProcessingWorkers()).toBe(1);
      await vi.waitFor(() => expect(idleProcessingWorkers()).toBe(0), { timeout: 10_000, interval: 50 });
      expect((await runProcessing(path, TEXT)).text).toBe("Before the quiet.\n");
    } finally {
      setProcessingIdleExit(30_000);
    }
  });
});
