import { Document, Packer, Paragraph } from "docx";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "../../../testing/test-files";
import { FILE_TYPES } from "./detect-type";
import { documentTitle } from "./document-title";
import { processFile } from "./extract";

let files: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  files = await makeTempDir();
});
afterAll(() => files.remove());

describe("a document's own title", () => {
  it("is tidied, and placeholders are no title", () => {
    expect(documentTitle("Microsoft Word - brief.docx")).toBe("brief");
    expect(documentTitle("  Executive   business case ")).toBe("Executive business case");
    expect(documentTitle("PowerPoint Presentation")).toBeNull();
    expect(documentTitle("無題のプレゼンテーション")).toBeNull();
    expect(documentTitle("")).toBeNull();
  });

  it("is read from a PDF's and a DOCX's properties", async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    pdf.setTitle("導入事例：東邦精機");
    const pdfPath = await files.write("t.pdf", Buffer.from(await pdf.save()));
    expect((await processFile(pdfPath, FILE_TYPES.pdf)).title).toBe("導入事例：東邦精機");

    const docx = new Document({
      title: "Mutual action plan",
      sections: [{ children: [new Paragraph("Week one")] }],
    });
    const docxPath = await files.write("t.docx", await Packer.toBuffer(docx));
    expect((await processFile(docxPath, FILE_TYPES.docx)).title).toBe("Mutual action plan");
  });
});
