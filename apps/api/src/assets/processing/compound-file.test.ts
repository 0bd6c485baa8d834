import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompoundFile, makeTempDir, truncate } from "../../../testing/test-files";
import { listCompoundEntryNames } from "./compound-file";
import { ProcessingError } from "./processing-error";

let files: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  files = await makeTempDir();
});
afterAll(() => files.remove());

async function namesOf(data: Buffer, maxBytesRead?: number) {
  return listCompoundEntryNames(await files.write("file.cfb", data), maxBytesRead);
}

describe("listCompoundEntryNames", () => {
  it("names the streams at the root, in directory order", async () => {
    const names = ["WordDocument", "1Table", "\u0005SummaryInformation"];
    expect(await namesOf(makeCompoundFile(names))).toEqual(names);
  });

  it("finds a directory whose FAT sectors lie past the header's 109, through the DIFAT chain", async () => {
    const big = makeCompoundFile(["PowerPoint Document", "Current User"], { streamBytes: 4_000_000 });
    expect(big.length).toBeGreaterThan(109 * 128 * 512);
    expect(await namesOf(big)).toEqual(["PowerPoint Document", "Current User"]);
  });

  it("reads only the structure it needs, not the streams", async () => {
    const big = makeCompoundFile(["WordDocument"], { streamBytes: 8_000_000 });
    expect(await namesOf(big, 16 * 1024)).toEqual(["WordDocument"]);
  });

  it("refuses a file whose structure needs more reading than allowed", async () => {
    const names = Array.from({ length: 200 }, (_, i) => `Stream ${i}`);
    await expect(namesOf(makeCompoundFile(names), 8 * 1024)).rejects.toThrow(/implausibly large/);
  });

  it.each([
    ["a one-sector directory chain that loops", ["WordDocument"]],
    ["a longer directory chain that loops", ["A", "B", "C", "D", "E", "WordDocument"]],
  ])("refuses %s, at once", async (_, names) => {
    const started = performance.now();
    const failure = namesOf(makeCompoundFile(names, { directoryLoops: true }));
    await expect(failure).rejects.toBeInstanceOf(ProcessingError);
    await expect(failure).rejects.toThrow("Compound file is damaged: its directory chain loops");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses a file cut short, wherever the cut", async () => {
    const file = makeCompoundFile(["WordDocument", "1Table"]);
    for (const length of [file.length - 600, file.length - 100, 1024, 300]) {
      await expect(namesOf(truncate(file, length))).rejects.toThrow(/^Compound file is damaged: /);
    }
  });

  it("refuses a header that is not a compound file's", async () => {
    const file = makeCompoundFile(["WordDocument"]);
    file.writeUInt16LE(0xfeff, 0x1c); // byte order
    await expect(namesOf(file)).rejects.toThrow("Compound file is damaged: unknown byte order");
  });
});
