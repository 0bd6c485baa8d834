import { loadImage } from "@napi-rs/canvas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOpenDocument, makePng, makeTempDir, makeZip, makeZipBomb } from "../../../testing/test-files";
import { processOpenDocument } from "./opendocument";
import { inspectOpenDocument } from "./opendocument-package";
import { ProcessingError } from "./processing-error";

let files: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  files = await makeTempDir();
});
afterAll(() => files.remove());

describe("processOpenDocument", () => {
  it("reads ODF's spaces, tabs and line breaks, and collapses the XML's own white space", async () => {
    const body = `
      <text:h text:outline-level="1">Tom &amp; Jerry</text:h>
      <text:p>
        Price:<text:tab/>¥1,200<text:s text:c="3"/>per seat<text:line-break/><text:span>second line</text:span>
      </text:p>
      <text:list><text:list-item><text:p>導入事例</text:p></text:list-item></text:list>`;
    const path = await files.write("spaces.odt", await makeOpenDocument("odt", body));
    const { text } = await processOpenDocument(path, "odt");
    expect(text).toBe("Tom & Jerry\nPrice:\t¥1,200   per seat\nsecond line\n導入事例");
  });

  it("leaves out comments, deleted tracked changes and footnote numbers", async () => {
    const body = [
      "<text:tracked-changes><text:changed-region><text:deletion><text:p>old wording</text:p></text:deletion></text:changed-region></text:tracked-changes>",
      "<text:p>Hello<office:annotation><dc:creator>Bob</dc:creator><text:p>fix this</text:p></office:annotation> world</text:p>",
      '<text:p>Cited<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>The source.</text:p></text:note-body></text:note></text:p>',
    ].join("");
    const path = await files.write("review.odt", await makeOpenDocument("odt", body));
    const { text } = await processOpenDocument(path, "odt");
    expect(text).toBe("Hello world\nCited\nThe source.");
  });

  it("counts an empty slide as a page", async () => {
    const body =
      '<draw:page draw:name="title"/><draw:page><draw:frame><draw:text-box><text:p>Two</text:p></draw:text-box></draw:frame></draw:page>';
    const path = await files.write("empty-slide.odp", await makeOpenDocument("odp", body));
    expect(await processOpenDocument(path, "odp")).toMatchObject({
      pageCount: 2,
      pages: ["", "Two"],
      text: "Two",
    });
  });

  it("re-encodes Thumbnails/thumbnail.png as the thumbnail", async () => {
    const odt = await makeOpenDocument("odt", "<text:p>With a preview</text:p>", {
      thumbnail: makePng(256, 362),
    });
    const { thumbnail } = await processOpenDocument(await files.write("preview.odt", odt), "odt");
    expect(thumbnail?.mime).toBe("image/webp");
    const image = await loadImage(thumbnail?.data ?? Buffer.alloc(0));
    expect({ width: image.width, height: image.height }).toEqual({ width: 256, height: 362 });
  });

  it("refuses a password-protected document, and one without content.xml", async () => {
    const secret = await makeOpenDocument("odt", "<text:p>x</text:p>", { encrypted: true });
    await expect(processOpenDocument(await files.write("secret.odt", secret), "odt")).rejects.toThrow(
      "OpenDocument file is password-protected: remove the password and upload it again",
    );
    const hollow = makeZip([{ name: "mimetype", data: "application/vnd.oasis.opendocument.presentation" }]);
    const failure = processOpenDocument(await files.write("hollow.odp", hollow), "odp");
    await expect(failure).rejects.toBeInstanceOf(ProcessingError);
    await expect(failure).rejects.toThrow("ODP is damaged: it has no content.xml");
  });

  it("goes through the zip bomb guard", async () => {
    const path = await files.write("bomb.odt", makeZipBomb());
    await expect(processOpenDocument(path, "odt")).rejects.toThrow(/zip bomb guard/);
  });
});

describe("inspectOpenDocument", () => {
  it("reads the mimetype whether it comes first and stored or last and deflated", async () => {
    for (const mimetypeFirst of [true, false]) {
      const path = await files.write("deck.odp", await makeOpenDocument("odp", "", { mimetypeFirst }));
      expect(await inspectOpenDocument(path)).toEqual({
        mimetype: "application/vnd.oasis.opendocument.presentation",
        encrypted: false,
      });
    }
  });

  it("does not inflate a mimetype entry larger than any MIME type", async () => {
    const path = await files.write("odd.odt", makeZip([{ name: "mimetype", data: "x".repeat(100_000) }]));
    expect(await inspectOpenDocument(path)).toEqual({ mimetype: "", encrypted: false });
  });
});
