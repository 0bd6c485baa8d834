import { describe, expect, it } from "vitest";
import { createBundledI18n } from "../../test/bundled-i18n";
import { toCsv } from "./csv";
import { usageColumns, usageRowKey, usageRows, usageTopLine } from "./usage-columns";

const total = (key: string, views: number) => ({
  key,
  label: `Asset ${key}`,
  views,
  shares: 1,
  inserts: 0,
  opens: 2,
});
// the top 2 of 1,234 assets, the other 1,232 summed
const data = {
  totals: [total("a", 9), total("b", 5)],
  keyCount: 1234,
  otherTotal: { views: 40, shares: 3, inserts: 2, opens: 7, keys: 1232 },
};

describe("usage totals table", () => {
  it("adds one Other row for the keys past the top, and says how many keys there are", () => {
    for (const [language, other, line] of [
      ["en", "Other", "Top 2 of 1,234 assets"],
      ["ja", "その他", "1,234 件のアセットのうち上位 2 件"],
    ] as const) {
      const i18n = createBundledI18n(language);
      const t = i18n.getFixedT(language, "analytics");
      const rows = usageRows(data);
      expect(rows.map(usageRowKey)).toEqual(["a", "b", "other"]);
      expect(rows[2]).toMatchObject({ other: true, views: 40, shares: 3, inserts: 2, opens: 7 });
      const columns = usageColumns(t, "asset", (row) => row.label ?? "");
      expect(rows.map((row) => columns[0]?.value(row))).toEqual(["Asset a", "Asset b", other]);
      // the CSV holds the Other row too
      expect(toCsv(columns, rows)).toContain(`${other},40,3,2,7`);
      expect(usageTopLine(t, "asset", data, (n: number) => new Intl.NumberFormat(language).format(n))).toBe(
        line,
      );
    }
  });

  it("has no Other row nor line when every key is shown", () => {
    const all = { totals: [total("a", 9)], keyCount: 1, otherTotal: null };
    const t = createBundledI18n("en").getFixedT("en", "analytics");
    expect(usageRows(all).map(usageRowKey)).toEqual(["a"]);
    expect(usageTopLine(t, "asset", all, String)).toBeNull();
  });
});
