import { readdirSync } from "node:fs";
import path from "node:path";
import express, { type NextFunction, type Request, type Response, Router } from "express";

/** Vite names everything under /assets/ by its content's hash: a changed file is a new URL. */
const HASHED = /^\/assets\//;
const IMMUTABLE = "public, max-age=31536000, immutable";
/** The few unhashed files beside index.html (icons): an hour, as before. */
const UNHASHED = "public, max-age=3600";

const cacheControlFor = (urlPath: string) =>
  HASHED.test(urlPath) ? IMMUTABLE : urlPath === "/index.html" ? "no-cache" : UNHASHED;

type Encoding = "br" | "gzip";
const SUFFIX: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

/** URL path → the encodings the build wrote beside it (`.br`, `.gz`, see apps/portal/precompress.ts). */
function precompressedFiles(dir: string): Map<string, Set<Encoding>> {
  const found = new Map<string, Set<Encoding>>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const encoding = entry.name.endsWith(".br") ? "br" : entry.name.endsWith(".gz") ? "gzip" : null;
    if (!encoding) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name));
    const url = `/${relative.split(path.sep).join("/").slice(0, -SUFFIX[encoding].length)}`;
    const set = found.get(url) ?? new Set<Encoding>();
    set.add(encoding);
    found.set(url, set);
  }
  return found;
}

/** Brotli when the browser takes it, else gzip, else the file as it is. */
function chooseEncoding(req: Request, available: Set<Encoding>): Encoding | null {
  for (const encoding of ["br", "gzip"] as const) {
    if (available.has(encoding) && req.acceptsEncodings(encoding)) return encoding;
  }
  return null;
}

/**
 * The built portal: hashed files cached for good, index.html revalidated every time, and each text
 * file sent as the brotli or gzip twin the build made when the browser accepts it (the same bytes
 * as compressing per request, without the CPU). ETags and 304s come from `send` as for any file;
 * a compressed twin has its own ETag, as a different representation must.
 */
export function portalStatic(dir: string): Router {
  const variants = precompressedFiles(dir);
  const index = path.join(dir, "index.html");
  const router = Router();

  const send = (req: Request, res: Response, next: NextFunction, urlPath: string) => {
    const available = variants.get(urlPath);
    if (!available) return false;
    res.vary("Accept-Encoding");
    const encoding = chooseEncoding(req, available);
    if (!encoding) return false;
    // send() keeps a Content-Type already set: the original's, not the `.br` file's
    res.type(path.extname(urlPath));
    res.setHeader("Content-Encoding", encoding);
    res.sendFile(path.join(dir, `${urlPath}${SUFFIX[encoding]}`), { cacheControl: false }, (err) => {
      if (err) next(err);
    });
    return true;
  };

  router.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    res.setHeader("Cache-Control", cacheControlFor(req.path));
    if (!send(req, res, next, req.path)) next();
  });
  router.use(express.static(dir, { index: false, cacheControl: false }));
  // every other page is the single-page app's, which routes it in the browser
  router.get(/^\/(?!api\/|trpc\/|s\/).*/, (req, res, next) => {
    res.setHeader("Cache-Control", "no-cache");
    if (!send(req, res, next, "/index.html")) res.sendFile(index, { cacheControl: false });
  });
  return router;
}
