import PptxGenJS from "pptxgenjs";
import { type DemoDeck, VENDOR } from "./document-model";
import { stableZip } from "./stable-zip";

const NAVY = "1C3354";
const TEAL = "0D8C8C";

/** A 16:9 deck: a title slide, then one slide per point with the rep's talk track as speaker notes. */
export async function renderPptx(deck: DemoDeck): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = deck.title;
  pptx.subject = deck.subtitle;
  pptx.author = VENDOR;
  pptx.company = VENDOR;
  const ja = deck.language === "ja";
  const fontFace = ja ? "Yu Gothic" : "Calibri";
  const lang = ja ? "ja-JP" : "en-US";

  const cover = pptx.addSlide();
  cover.background = { color: NAVY };
  cover.addText(VENDOR.toUpperCase(), {
    x: 0.6,
    y: 0.5,
    w: 12,
    h: 0.4,
    fontFace,
    fontSize: 14,
    bold: true,
    color: "99D9D9",
    lang,
  });
  cover.addText(deck.title, {
    x: 0.6,
    y: 2.2,
    w: 12,
    h: 1.6,
    fontFace,
    fontSize: 38,
    bold: true,
    color: "FFFFFF",
    lang,
  });
  cover.addText(deck.subtitle, {
    x: 0.6,
    y: 3.9,
    w: 12,
    h: 0.8,
    fontFace,
    fontSize: 18,
    color: "BFE6E6",
    lang,
  });
  cover.addNotes(
    ja
      ? "表紙。自己紹介と本日のアジェンダの確認から始めます。"
      : "Cover. Introduce yourself and confirm the agenda and time box.",
  );

  deck.slides.forEach((s, i) => {
    const slide = pptx.addSlide();
    slide.addShape(pptx.ShapeType.rect, { x: 0, y: 0, w: 13.33, h: 0.12, fill: { color: TEAL } });
    slide.addText(s.title, {
      x: 0.6,
      y: 0.4,
      w: 12.1,
      h: 1,
      fontFace,
      fontSize: 30,
      bold: true,
      color: NAVY,
      lang,
    });
    slide.addText(
      s.bullets.map((text) => ({ text, options: { bullet: true, breakLine: true } })),
      {
        x: 0.8,
        y: 1.6,
        w: 11.7,
        h: 5,
        fontFace,
        fontSize: 20,
        color: "333333",
        valign: "top",
        paraSpaceAfter: 10,
        lang,
      },
    );
    slide.addText(`${VENDOR}  |  ${i + 2}`, {
      x: 0.6,
      y: 7,
      w: 12.1,
      h: 0.3,
      fontFace,
      fontSize: 10,
      color: "888888",
      align: "right",
    });
    slide.addNotes(s.notes);
  });
  const data = await pptx.write({ outputType: "nodebuffer", compression: true });
  if (!(data instanceof Uint8Array)) throw new Error("pptxgenjs did not return bytes");
  return stableZip(data);
}
