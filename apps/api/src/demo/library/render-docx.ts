import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { type Block, type DemoDocument, VENDOR } from "./document-model";
import { stableZip } from "./stable-zip";

const NAVY = "1C3354";
const TEAL = "0D8C8C";

const fontsFor = (language: DemoDocument["language"]) =>
  language === "ja"
    ? { ascii: "Yu Gothic", hAnsi: "Yu Gothic", eastAsia: "Yu Gothic", cs: "Yu Gothic" }
    : { ascii: "Calibri", hAnsi: "Calibri", eastAsia: "Yu Gothic", cs: "Calibri" };

function blockParagraphs(block: Block, language: DemoDocument["language"]): (Paragraph | Table)[] {
  switch (block.kind) {
    case "heading":
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(block.text)] })];
    case "paragraph":
      return [new Paragraph({ spacing: { after: 160 }, children: [new TextRun(block.text)] })];
    case "bullets":
      return block.items.map(
        (item) =>
          new Paragraph({ bullet: { level: 0 }, spacing: { after: 80 }, children: [new TextRun(item)] }),
      );
    case "quote":
      return [
        new Paragraph({
          indent: { left: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: TEAL, space: 12 } },
          spacing: { before: 120 },
          children: [
            new TextRun({
              text: language === "ja" ? `「${block.text}」` : `“${block.text}”`,
              italics: language !== "ja",
              color: NAVY,
              size: 24,
            }),
          ],
        }),
        new Paragraph({
          indent: { left: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: TEAL, space: 12 } },
          spacing: { after: 240 },
          children: [
            new TextRun({ text: `${language === "ja" ? "――" : "—"} ${block.by}`, color: "666666", size: 19 }),
          ],
        }),
      ];
    case "stats":
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              children: block.items.map(
                (stat) =>
                  new TableCell({
                    shading: { type: ShadingType.CLEAR, fill: "EDF5F7", color: "auto" },
                    margins: { top: 120, bottom: 120, left: 120, right: 120 },
                    children: [
                      new Paragraph({
                        children: [new TextRun({ text: stat.value, bold: true, size: 36, color: TEAL })],
                      }),
                      new Paragraph({ children: [new TextRun({ text: stat.label, size: 18 })] }),
                    ],
                  }),
              ),
            }),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
  }
}

/** A Word document with real headings, bullets and a page-numbered footer. */
export async function renderDocx(doc: DemoDocument): Promise<Buffer> {
  const fonts = fontsFor(doc.language);
  const language =
    doc.language === "ja" ? { value: "ja-JP", eastAsia: "ja-JP" } : { value: "en-US", eastAsia: "ja-JP" };
  const document = new Document({
    title: doc.title,
    subject: doc.subtitle,
    creator: VENDOR,
    lastModifiedBy: VENDOR,
    description: doc.subtitle,
    styles: {
      default: {
        document: {
          run: { font: fonts, size: 21, language },
          paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO } },
        },
        heading1: {
          run: { font: fonts, size: 28, bold: true, color: NAVY },
          paragraph: { spacing: { before: 280, after: 120 } },
        },
        title: { run: { font: fonts, size: 44, bold: true, color: NAVY } },
      },
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: `${VENDOR}  |  `, size: 16, color: "777777" }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16, color: "777777" }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            children: [new TextRun({ text: VENDOR.toUpperCase(), bold: true, size: 18, color: TEAL })],
          }),
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
          new Paragraph({
            spacing: { after: 320 },
            children: [new TextRun({ text: doc.subtitle, color: "555555", size: 22 })],
          }),
          ...doc.blocks.flatMap((block) => blockParagraphs(block, doc.language)),
        ],
      },
    ],
  });
  return stableZip(await Packer.toBuffer(document));
}
