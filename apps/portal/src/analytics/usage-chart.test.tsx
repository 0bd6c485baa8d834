import { MantineProvider } from "@mantine/core";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createBundledI18n } from "../../test/bundled-i18n";
import { theme } from "../theme";
import { seriesStyles, tieOffsets } from "./line-chart";
import { UsageChart } from "./usage-chart";

const point = (bucket: string, views: number, shares: number, inserts: number, opens: number) => ({
  bucket,
  key: null,
  label: null,
  views,
  shares,
  inserts,
  opens,
});
// shares and inserts are equal in every week: the case where one line used to hide the other
const points = [point("2026-11-02", 4, 2, 2, 2), point("2026-11-16", 1, 0, 0, 1)];

function renderChart(language: "en" | "ja") {
  return render(
    <I18nextProvider i18n={createBundledI18n(language)}>
      <MantineProvider theme={theme}>
        <UsageChart points={points} bucket="week" />
      </MantineProvider>
    </I18nextProvider>,
  );
}

/** The files the page saves: their names and contents. */
function captureDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  let last: Blob | undefined;
  vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
    last = blob as Blob;
    return "blob:test";
  });
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    if (last) saved.push({ name: this.download, blob: last });
  });
  return saved;
}

afterEach(() => vi.restoreAllMocks());

describe("UsageChart", () => {
  it("tells equal series apart by dash and marker, with a legend, in Japanese with no ISO dates", () => {
    const { container } = renderChart("ja");
    const svg = container.querySelector("svg[aria-hidden]") as SVGSVGElement;
    const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts.slice(0, 4)).toEqual(["閲覧", "共有", "挿入", "見込み客の開封"]);
    expect(texts).toEqual(expect.arrayContaining(["11月2日", "11月9日", "11月16日", "0", "4"]));
    expect(container.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    const lines = [...svg.querySelectorAll("[data-series] polyline")];
    expect(lines.map((l) => l.getAttribute("stroke-dasharray"))).toEqual([null, "9 5", "2 4", "12 4 3 4"]);
    expect(new Set(lines.map((l) => l.getAttribute("stroke"))).size).toBe(4);
    // the equal series run through the same points, each with its own marker shape
    expect(lines[1]?.getAttribute("points")).toBe(lines[2]?.getAttribute("points"));
    const shares = svg.querySelector('[data-series="shares"]') as SVGGElement;
    const inserts = svg.querySelector('[data-series="inserts"]') as SVGGElement;
    expect(shares.querySelectorAll("rect")).toHaveLength(3);
    expect(inserts.querySelectorAll("path")).toHaveLength(3);
    expect(seriesStyles.map((s) => s.marker)).toEqual(["circle", "square", "triangle", "diamond", "cross"]);
    // in the first week shares, inserts and opens are all 2: their markers sit side by side, 9 px apart
    const square = shares.querySelector("rect") as SVGRectElement;
    const circle = svg.querySelector('[data-series="views"] circle') as SVGCircleElement;
    expect(Number(square.getAttribute("x")) + Number(square.getAttribute("width")) / 2).toBeCloseTo(
      Number(circle.getAttribute("cx")) - 9,
    );
  });

  it("spreads the markers of equal values around their point", () => {
    const values = (...v: number[]) => ({ values: v });
    expect(tieOffsets([values(4, 0, 1), values(2, 0, 0), values(2, 0, 0), values(2, 0, 1)])).toEqual([
      [0, -13.5, -4.5],
      [-9, -4.5, -4.5],
      [0, 4.5, 4.5],
      [9, 13.5, 4.5],
    ]);
  });

  it("reads out every series at a week from the keyboard, equal values included", async () => {
    renderChart("ja");
    const user = userEvent.setup({ delay: null });
    const slider = screen.getByRole("slider", { name: "週ごとの閲覧・共有・挿入・見込み客の開封" });
    act(() => slider.focus());
    await user.keyboard("{Home}");
    expect(slider).toHaveAttribute(
      "aria-valuetext",
      "2026年11月2日の週: 閲覧 4, 共有 2, 挿入 2, 見込み客の開封 2",
    );
    expect(screen.getByText("2026年11月2日の週")).toBeVisible();
    await user.keyboard("{ArrowRight}");
    expect(slider).toHaveAttribute(
      "aria-valuetext",
      "2026年11月9日の週: 閲覧 0, 共有 0, 挿入 0, 見込み客の開封 0",
    );
  });

  it("downloads the data behind the chart as CSV with a byte-order mark", async () => {
    const saved = captureDownloads();
    renderChart("en");
    const user = userEvent.setup({ delay: null });
    await user.click(
      screen.getByRole("button", {
        name: "Download CSV: Views, shares, inserts and prospect opens per week",
      }),
    );
    expect(saved.map((s) => s.name)).toEqual(["usage-week-2026-11-02-2026-11-16.csv"]);
    const [file] = saved;
    if (!file) throw new Error("nothing saved");
    const bytes = new Uint8Array(await file.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(
      "Week starting,Views,Shares,Inserts,Prospect opens\r\n2026-11-02,4,2,2,2\r\n2026-11-09,0,0,0,0\r\n2026-11-16,1,0,0,1\r\n",
    );
  });
});
