import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../app-router";
import { MAX_MAPPED_COLUMNS } from "../deals/deal-csv";

interface ProcedureDef {
  inputs: z.ZodType[];
}

// tRPC types `_def.procedures` by the router's shape; walking it needs only each procedure's inputs
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>,
);

/** Records whose number of keys a refine bounds (JSON Schema cannot show a refine): where, and how. */
const refinedRecords: Record<string, string> = {
  "deals.importCsv .mapping": `at most ${MAX_MAPPED_COLUMNS} columns`,
  "events.track .events[].props": "at most 4,000 characters of JSON",
  "analytics.settings.update .rates": "at most 200 rates",
};

type Found = { where: string; bounded: boolean };

/** Every array and record in an input schema, as JSON Schema (zod's own reading of its checks) shows it. */
function collections(procedure: string, schema: z.ZodType): Found[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  const found: Found[] = [];
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, at);
      return;
    }
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (o.type === "array")
      found.push({ where: `${procedure} ${at}`, bounded: typeof o.maxItems === "number" });
    const isRecord = o.type === "object" && typeof o.additionalProperties === "object";
    if (isRecord)
      found.push({ where: `${procedure} ${at}`, bounded: `${procedure} ${at}` in refinedRecords });
    for (const [key, value] of Object.entries(o)) {
      if (key === "properties" && value && typeof value === "object") {
        for (const [name, child] of Object.entries(value)) walk(child, `${at}.${name}`);
      } else if (key === "items") walk(value, `${at}[]`);
      else if (key === "additionalProperties") walk(value, `${at}{}`);
      else if (key === "anyOf" || key === "oneOf" || key === "allOf" || key === "$defs") walk(value, at);
    }
  };
  walk(json, "");
  return found;
}

describe("procedure inputs", () => {
  const all = procedures.flatMap(([name, p]) => p._def.inputs.flatMap((input) => collections(name, input)));

  it("bound the number of items in every array and record", () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((f) => !f.bounded).map((f) => f.where)).toEqual([]);
  });

  it("list only records that exist", () => {
    const records = new Set(all.map((f) => f.where));
    expect(Object.keys(refinedRecords).filter((where) => !records.has(where))).toEqual([]);
  });

  it("refuse a CSV mapping of more columns than any export has", () => {
    const importCsv = procedures.find(([name]) => name === "deals.importCsv")?.[1]._def.inputs[0];
    const mapping = Object.fromEntries(
      Array.from({ length: MAX_MAPPED_COLUMNS + 1 }, (_, i) => [`column ${i}`, "name"]),
    );
    const result = importCsv?.safeParse({ csv: "name\nA", mapping });
    expect(result?.success).toBe(false);
    expect(result?.error?.issues[0]?.message).toBe(`at most ${MAX_MAPPED_COLUMNS} columns`);
  });
});
