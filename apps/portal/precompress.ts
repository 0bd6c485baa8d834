import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text the API serves from the build; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|wasm)$/;
/** Below this the headers outweigh the saving. */
const MIN_BYTES = 1024;

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Writes a `.br` and a `.gz` beside every compressible file of the build, at the highest levels
 * (done once here, not per request), so the API sends them by the browser's Accept-Encoding.
 * A variant that would not be smaller is not written.
 */
export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "pitchside-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      let original = 0;
      let brotliBytes = 0;
      const work: Promise<void>[] = [];
      for await (const file of filesUnder(outDir)) {
        if (!COMPRESSIBLE.test(file) || (await stat(file)).size < MIN_BYTES) continue;
        work.push(
          (async () => {
            const data = await readFile(file);
            const [br, gz] = await Promise.all([
              brotli(data, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                  [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
                },
              }),
              gzipAsync(data, { level: constants.Z_BEST_COMPRESSION }),
            ]);
            if (br.length < data.length) await writeFile(`${file}.br`, br);
            if (gz.length < data.length) await writeFile(`${file}.gz`, gz);
            original += data.length;
            brotliBytes += Math.min(br.length, data.length);
          })(),
        );
      }
      await Promise.all(work);
      const kib = (bytes: number) => (bytes / 1024).toFixed(0);
      console.log(`precompressed: ${kib(original)} KiB of text → ${kib(brotliBytes)} KiB brotli (and .gz)`);
    },
  };
}
