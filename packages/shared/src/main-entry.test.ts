/// <reference types="node" />
// Node's types for this file only: the package's own code does no I/O.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** Every module a file names (imports, re-exports, dynamic imports), type-only ones included. */
function specifiersOf(file: URL): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;
  return [...readFileSync(file, "utf8").matchAll(pattern)].map((match) => match[1] ?? "");
}

/** Each file reachable from `entry` (beside this test) by relative imports, with the modules it names. */
function reachableFrom(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [new URL(entry, import.meta.url)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const name = path.relative(import.meta.dirname, fileURLToPath(file));
    if (seen.has(name)) continue;
    const specifiers = specifiersOf(file);
    seen.set(name, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith(".")) queue.push(new URL(`${specifier}.ts`, file));
    }
  }
  return seen;
}

const importsZod = (specifier: string) => specifier === "zod" || specifier.startsWith("zod/");

describe("the main entry", () => {
  it("reaches no zod, so the portal and the extension can load it without zod", () => {
    const files = reachableFrom("index.ts");
    expect(files.has("taxonomy.ts")).toBe(true);
    const withZod = [...files].filter(([, specifiers]) => specifiers.some(importsZod)).map(([file]) => file);
    expect(withZod).toEqual([]);
  });

  it("is checked by a walk that does see zod where it is imported", () => {
    expect(reachableFrom("schemas.ts").get("schemas.ts")?.some(importsZod)).toBe(true);
  });
});
