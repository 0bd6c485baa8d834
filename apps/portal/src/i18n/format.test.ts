import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBundledI18n } from "../../test/bundled-i18n";
import { createFormat } from "./format";

const formatIn = (language: "en" | "ja") => {
  const i18n = createBundledI18n(language);
  return createFormat(language, i18n.t);
};

describe("createFormat", () => {
  // west of UTC, where midnight UTC of a calendar day is still the day before
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "America/Los_Angeles";
  });
  afterAll(() => {
    process.env.TZ = zone;
  });

  it("names a week by its first day in the UI language", () => {
    const ja = formatIn("ja");
    const en = formatIn("en");
    expect(ja.weekOf("2026-11-02")).toBe("11月2日の週");
    expect(en.weekOf("2026-11-02")).toBe("Week of Nov 2");
    expect(ja.weekOf("2026-11-02", true)).toBe("2026年11月2日の週");
    expect(en.weekOf("2026-11-02", true)).toBe("Week of Nov 2, 2026");
    expect(ja.bucket("2026-11-03", "day")).toBe("11月3日");
    expect(en.bucket("2026-11-03", "week")).toBe("Week of Nov 3");
  });

  it("shows a calendar day as that day in every time zone", () => {
    expect(formatIn("en").date("2026-01-01")).toBe("Jan 1, 2026");
    expect(formatIn("ja").day("2026-01-01")).toBe("1月1日");
    // an instant is still shown in the reader's zone: 02:00 UTC is the evening before in Los Angeles
    expect(formatIn("en").date("2026-01-01T02:00:00.000Z")).toBe("Dec 31, 2025");
  });

  it("writes a report period as one range and numbers with the locale's grouping", () => {
    expect(formatIn("en").period("2026-01-01", "2026-12-31")).toBe("Jan 1\u2009–\u2009Dec 31, 2026"); // thin spaces around the dash, as Intl writes it;
    expect(formatIn("ja").period("2026-01-01", "2026-12-31")).toBe("2026/01/01～2026/12/31");
    expect(formatIn("ja").number(12345.5)).toBe("12,345.5");
    expect(formatIn("en").number(1_000_000)).toBe("1,000,000");
  });
});
