import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/**
 * Prints the gzipped JS a first visit downloads (the entry and its static imports, the larger of
 * the two languages' string chunks, and the largest page chunk) and fails the build over the budget:
 * route-level splitting has to keep it small.
 */
export function firstLoadBudget(budgetKiB: number): Plugin {
  return {
    name: "pitchside-first-load-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const gzipped = new Map<string, number>();
      const size = (file: string) => {
        const chunk = bundle[file];
        if (chunk?.type !== "chunk") return 0;
        if (!gzipped.has(file)) gzipped.set(file, gzipSync(chunk.code).length);
        return gzipped.get(file) ?? 0;
      };
      const closure = (file: string, seen = new Set<string>()) => {
        const chunk = bundle[file];
        if (seen.has(file) || chunk?.type !== "chunk") return seen;
        seen.add(file);
        for (const imported of chunk.imports) closure(imported, seen);
        return seen;
      };
      const entry = Object.values(bundle).find((c) => c.type === "chunk" && c.isEntry);
      if (entry?.type !== "chunk") return;
      const shell = closure(entry.fileName);
      const shellBytes = [...shell].reduce((sum, f) => sum + size(f), 0);
      let page = { name: "", bytes: 0 };
      let strings = { name: "", bytes: 0 };
      const lazyChunks = new Set(
        [...shell].flatMap((f) => {
          const chunk = bundle[f];
          return chunk?.type === "chunk" ? chunk.dynamicImports : [];
        }),
      );
      for (const lazy of lazyChunks) {
        const extra = [...closure(lazy)].filter((f) => !shell.has(f)).reduce((sum, f) => sum + size(f), 0);
        const chunk = bundle[lazy];
        // a language's strings (src/i18n/catalog-<language>.ts) load before the first render
        const isStrings =
          chunk?.type === "chunk" && /\/i18n\/catalog-[a-z]+\.ts$/.test(chunk.facadeModuleId ?? "");
        if (isStrings && extra > strings.bytes) strings = { name: lazy, bytes: extra };
        else if (!isStrings && extra > page.bytes) page = { name: lazy, bytes: extra };
      }
      const kib = (bytes: number) => (bytes / 1024).toFixed(1);
      const total = shellBytes + strings.bytes + page.bytes;
      console.log(
        `\nfirst-load JS (gzipped): shell ${kib(shellBytes)} KiB + strings ${kib(strings.bytes)} KiB (${strings.name})` +
          ` + largest page ${kib(page.bytes)} KiB (${page.name})` +
          ` = ${kib(total)} KiB; budget ${budgetKiB} KiB`,
      );
      if (total > budgetKiB * 1024) this.error(`first-load JS is over the ${budgetKiB} KiB budget`);
    },
  };
}
