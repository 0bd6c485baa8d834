import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBundledI18n } from "../../test/bundled-i18n";
import { useReportFormat } from "./report-format";

const formatIn = (language: "en" | "ja") => {
  const i18n = createBundledI18n(language);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
  );
  return renderHook(() => useReportFormat(), { wrapper }).result.current;
};

describe("useReportFormat", () => {
  // west of UTC, where midnight UTC of a day is still the day before
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "America/New_York";
  });
  afterAll(() => {
    process.env.TZ = zone;
  });

  it("shows a day stored as midnight UTC (an expiry, a period's bound) as that day in any time zone", () => {
    expect(formatIn("en").calendarDate("2026-12-17T00:00:00.000Z")).toBe("Dec 17, 2026");
    expect(formatIn("ja").calendarDate("2026-12-17T00:00:00.000Z")).toBe("2026/12/17");
  });
});
