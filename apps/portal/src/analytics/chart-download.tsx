import { Button, Group } from "@mantine/core";
import type { RefObject } from "react";
import { useTranslation } from "react-i18next";
import { type ChartData, chartCsvColumns, chartCsvRows } from "./chart-data";
import { downloadBlob, downloadCsv, toCsv } from "./csv";

const TITLE_BAND = 40;
/** The PNG is drawn at twice the chart's size, for print and high-density screens. */
export const PNG_SCALE = 2;

/**
 * The chart as a standalone SVG document with its title above it: inline attributes only (no page
 * CSS), a white background, and without the hover cursor.
 */
export function exportSvg(
  svg: SVGSVGElement,
  title: string,
): { text: string; width: number; height: number } {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height")) + TITLE_BAND;
  const ns = "http://www.w3.org/2000/svg";
  const doc = document.createElementNS(ns, "svg");
  doc.setAttribute("xmlns", ns);
  doc.setAttribute("width", String(width));
  doc.setAttribute("height", String(height));
  doc.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const background = document.createElementNS(ns, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  const heading = document.createElementNS(ns, "text");
  heading.setAttribute("x", "16");
  heading.setAttribute("y", "26");
  heading.setAttribute("font-size", "16");
  heading.setAttribute("font-weight", "700");
  heading.setAttribute("font-family", svg.getAttribute("font-family") ?? "sans-serif");
  heading.setAttribute("fill", "#212529");
  heading.textContent = title;
  const chart = svg.cloneNode(true) as SVGSVGElement;
  chart.setAttribute("y", String(TITLE_BAND));
  for (const cursor of chart.querySelectorAll("[data-chart-cursor]")) cursor.remove();
  doc.append(background, heading, chart);
  return { text: new XMLSerializer().serializeToString(doc), width, height };
}

/** Draws the SVG document on a canvas and encodes it as PNG, all in the browser. */
export async function svgToPng(svg: { text: string; width: number; height: number }): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = svg.width * PNG_SCALE;
  canvas.height = svg.height * PNG_SCALE;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2D canvas");
  context.scale(PNG_SCALE, PNG_SCALE);
  context.drawImage(image, 0, 0, svg.width, svg.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}

/**
 * CSV and PNG downloads of a chart: the CSV holds the data behind it, the PNG the chart as shown with
 * its title and legend. `fileName` has no extension.
 */
export function ChartDownload({
  chart,
  svgRef,
  fileName,
}: {
  chart: ChartData;
  svgRef: RefObject<SVGSVGElement | null>;
  fileName: string;
}) {
  const { t } = useTranslation("analytics");
  const empty = chart.buckets.length === 0;
  const bucketHeader = t(chart.step === "week" ? "chart.weekStarting" : "chart.day");
  const png = async () => {
    if (!svgRef.current) return;
    downloadBlob(`${fileName}.png`, await svgToPng(exportSvg(svgRef.current, chart.title)));
  };
  return (
    <Group gap="xs" className="no-print">
      <Button
        size="xs"
        variant="light"
        disabled={empty}
        aria-label={`${t("chart.csv")}: ${chart.title}`}
        onClick={() =>
          downloadCsv(`${fileName}.csv`, toCsv(chartCsvColumns(chart, bucketHeader), chartCsvRows(chart)))
        }
      >
        {t("chart.csv")}
      </Button>
      <Button
        size="xs"
        variant="light"
        disabled={empty}
        aria-label={`${t("chart.png")}: ${chart.title}`}
        onClick={() => void png()}
      >
        {t("chart.png")}
      </Button>
    </Group>
  );
}
