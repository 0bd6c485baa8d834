import { request } from "node:http";

export interface RawAnswer {
  status: number;
  body: string;
  /** Bytes of the body written before the answer came. */
  sent: number;
}

/**
 * POSTs a body of `bytes` bytes, written in 64 KB chunks, announced with a Content-Length or sent
 * chunked, and resolves with the answer as soon as it comes: a server that refuses early is not
 * made to wait for the rest. What bodies no client library will send (300 MB, or a lying length).
 */
export function rawPost(
  url: string,
  opts: { bytes: number; chunked?: boolean; headers?: Record<string, string>; fill?: string },
): Promise<RawAnswer> {
  const chunk = Buffer.alloc(64 * 1024, opts.fill ?? "x");
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(opts.chunked ? {} : { "content-length": String(opts.bytes) }),
        ...opts.headers,
      },
    });
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), sent }),
      );
      res.on("error", reject);
    });
    // once answered, the server may close while we are still writing: that is the point
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && sent < opts.bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, opts.bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
