import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "./csv";

describe("toCsv", () => {
  const columns = [
    { header: "Name", value: (r: { name: string; n: number | null }) => r.name },
    { header: "Count", value: (r: { name: string; n: number | null }) => r.n },
  ];

  it("quotes what needs quoting, keeps numbers raw and ends lines with CRLF", () => {
    expect(
      toCsv(columns, [
        { name: 'Acme, "big" deal', n: 1200.5 },
        { name: "価格表\n第2版", n: null },
      ]),
    ).toBe('Name,Count\r\n"Acme, ""big"" deal",1200.5\r\n"価格表\n第2版",\r\n');
  });

  it("keeps text that looks like a formula from running in a spreadsheet", () => {
    expect(toCsv(columns, [{ name: "=HYPERLINK(1)", n: -3 }])).toBe("Name,Count\r\n'=HYPERLINK(1),-3\r\n");
  });

  it("reads back what it wrote", () => {
    const rows = [
      { name: 'Acme, "big" deal', n: 3 },
      { name: "価格表\n第2版", n: null },
    ];
    expect(parseCsv(toCsv(columns, rows))).toEqual([
      ["Name", "Count"],
      ['Acme, "big" deal', "3"],
      ["価格表\n第2版", ""],
    ]);
  });
});
