import type { NextFunction, Request, Response } from "express";

export const KB = 1024;
export const MB = 1024 * KB;
/** What a JSON body may weigh unless its route says otherwise. */
export const DEFAULT_BODY_LIMIT = MB;

/** "1 MB", "16 KB": a limit as people read it. */
export const formatBytes = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / KB)} KB`;

export interface BodyLimitOptions {
  /** Bytes this request may send; a function when it depends on what is called or who calls. */
  limit: number | ((req: Request) => number | Promise<number>);
  /** The body as text (JSON routes, tRPC) or as the exact bytes (a signed webhook). */
  as: "text" | "buffer";
  /** The 413's JSON, from the limit; `{ error }` naming the limit unless given. */
  refusal?: (limit: number, req: Request) => unknown;
}

/** How long, and how much more, a refused body is read and dropped before the connection is cut. */
const LINGER_MS = 2000;
const LINGER_BYTES = 16 * MB;

/**
 * After a refusal, reads and drops what the client is still sending for a moment before closing:
 * closing with unread bytes resets the connection, and a client still writing would lose the 413.
 * Nothing is kept, and the moment is short, so a client that goes on sending costs little.
 */
function lingerThenClose(req: Request) {
  if (req.readableEnded) return;
  let dropped = 0;
  const close = () => {
    clearTimeout(timer);
    req.off("data", drop);
    req.socket.destroy();
  };
  const drop = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) close();
  };
  const timer = setTimeout(close, LINGER_MS);
  req.on("data", drop);
  req.once("end", () => clearTimeout(timer));
  req.resume();
}

/**
 * Reads a request body into `req.body`, at most `limit` bytes of it. A declared Content-Length over
 * the limit is refused before a byte is read; a chunked body is counted as it streams and refused at
 * the first chunk past the limit. Either way the answer is 413 with JSON, and the rest of the body is
 * never kept (lingerThenClose).
 */
export function limitedBody(opts: BodyLimitOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    // as in tRPC's adapter: a GET or HEAD has no body to hand on (Node discards any sent)
    if (req.method === "GET" || req.method === "HEAD") return next();
    let limit: number;
    try {
      limit = typeof opts.limit === "number" ? opts.limit : await opts.limit(req);
    } catch (err) {
      return next(err);
    }
    // left as is: the refusal body is the caller's own shape (tRPC's, SCIM's), and the socket closes after it
    const refuse = () => {
      res
        .status(413)
        .json(opts.refusal?.(limit, req) ?? { error: `body: larger than ${formatBytes(limit)}` });
      res.once("finish", () => lingerThenClose(req));
    };
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) return refuse();

    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        req.pause();
        chunks.length = 0;
        return refuse();
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      const body = Buffer.concat(chunks, size);
      req.body = opts.as === "text" ? body.toString("utf8") : body;
      next();
    };
    // a client that gives up mid-body gets no answer: there is no one left to read it
    const onError = () => stop();
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  };
}
