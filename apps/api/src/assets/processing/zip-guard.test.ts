import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx, makeTempDir, makeZipBomb, makeZipWithManyEntries } from "../../../testing/test-files";
import type { DetectedFile } from "./detect-type";
import { detectFileType } from "./detect-type";
import { ProcessingError, processFile } from "./extract";
import { DEFAULT_ZIP_LIMITS, OoxmlArchive } from "./zip-guard";

let files: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  files = await makeTempDir();
});
afterAll(() => files.remove());

const DOCX: DetectedFile = {
  kind: "docx",
  mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ext: "docx",
};

/** Runs `work`, sampling RSS meanwhile; returns how far RSS rose above where it started. */
async function peakRssRise(work: () => Promise<unknown>): Promise<number> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await work().catch(() => undefined);
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage().rss) - start;
}

describe("zip bomb guard", () => {
  it("the bomb is a small file that looks like a DOCX", async () => {
    const bomb = makeZipBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const detection = await detectFileType(await files.write("bomb.docx", bomb));
    expect(detection).toMatchObject({ ok: true, file: { kind: "docx" } });
  });

  it("refuses a 300 MB bomb quickly, with the guard's reason, memory bounded", async () => {
    const path = await files.write("bomb.docx", makeZipBomb());
    const started = performance.now();
    const failure = processFile(path, DOCX);
    await expect(failure).rejects.toBeInstanceOf(ProcessingError);
    await expect(failure).rejects.toThrow("Archive would inflate to more than 200 MB (zip bomb guard)");
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await peakRssRise(() => processFile(path, DOCX))).toBeLessThan(100 * 1024 ** 2);
  });

  it("refuses a bomb that lies about its size, by counting what it really inflates", async () => {
    const path = await files.write("liar.docx", makeZipBomb({ lieAboutSize: true }));
    const started = performance.now();
    await expect(processFile(path, DOCX)).rejects.toThrow(
      "Archive part word/document.xml inflates past its declared size (zip bomb guard)",
    );
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await peakRssRise(() => processFile(path, DOCX))).toBeLessThan(100 * 1024 ** 2);
  });

  it("refuses a single part over 50 MB", async () => {
    const path = await files.write("big-part.docx", makeZipBomb({ inflatedMb: 60 }));
    await expect(processFile(path, DOCX)).rejects.toThrow(
      "Archive part word/document.xml would inflate to more than 50 MB (zip bomb guard)",
    );
  });

  it("refuses a part over 1 MB compressed more than 100:1", async () => {
    const path = await files.write("dense.docx", makeZipBomb({ inflatedMb: 2 }));
    await expect(processFile(path, DOCX)).rejects.toThrow(
      "Archive part word/document.xml is compressed more than 100:1 (zip bomb guard)",
    );
  });

  it("refuses more than 10,000 entries", async () => {
    const path = await files.write("many.docx", makeZipWithManyEntries(10_001));
    await expect(processFile(path, DOCX)).rejects.toThrow(
      "Archive has more than 10,000 entries (zip bomb guard)",
    );
  });

  it("lets a real DOCX through and reads its parts by case-insensitive name", async () => {
    const path = await files.write("ok.docx", await makeDocx(["Hello guard"]));
    const archive = await OoxmlArchive.open(path);
    try {
      expect(archive.has("WORD/document.xml")).toBe(true);
      expect(await archive.readText("word/DOCUMENT.xml")).toContain("Hello guard");
      expect(await archive.read("word/missing.xml")).toBeNull();
    } finally {
      archive.close();
    }
  });

  it("applies the limits it is given", async () => {
    const path = await files.write("ok.docx", await makeDocx(["Hello guard"]));
    await expect(OoxmlArchive.open(path, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1024 })).rejects.toThrow(
      "Archive would inflate to more than 1 KB (zip bomb guard)",
    );
  });
});
