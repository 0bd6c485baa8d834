import type { Role } from "@pitchside/shared";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Request } from "express";
import { DEFAULT_BODY_LIMIT, formatBytes, MB } from "../body-limit";
import type { AppDeps } from "../deps";
import { authenticate } from "./authenticate";

/**
 * Procedures whose input may weigh more than the default, and who may send that much: the body is
 * read before the procedure runs, so anyone else gets the default however the call is named.
 */
export const largerTrpcBodies: Record<string, { bytes: number; roles: readonly Role[] }> = {
  // 500,000 characters of Markdown: 3 bytes each in UTF-8 (Japanese), plus JSON escapes
  "assets.createMarkdown": { bytes: 2 * MB, roles: ["marketer", "admin"] },
  "assets.updateMarkdown": { bytes: 2 * MB, roles: ["marketer", "admin"] },
  // a CSV of up to 20 million characters, JSON-escaped
  "deals.importCsv": { bytes: 32 * MB, roles: ["marketer", "admin"] },
};

/** The most any tRPC call may send: tRPC's own reader is held to it should ours ever be bypassed. */
export const LARGEST_TRPC_BODY = Math.max(
  DEFAULT_BODY_LIMIT,
  ...Object.values(largerTrpcBodies).map((b) => b.bytes),
);

/** The procedures a /trpc URL calls: `/a.b` or a batch `/a.b,c.d`. */
const proceduresOf = (req: Request) =>
  req.path
    .replace(/^\//, "")
    .split(",")
    .filter((p) => p !== "");

/** The body limit of a tRPC call (the largest of a batch's), given who calls. */
export function trpcBodyLimit(deps: AppDeps) {
  return async (req: Request): Promise<number> => {
    const larger = proceduresOf(req).flatMap((p) => {
      const entry = largerTrpcBodies[p];
      return entry ? [entry] : [];
    });
    if (larger.length === 0) return DEFAULT_BODY_LIMIT;
    const role = (await authenticate(deps, req))?.user.role;
    const allowed = larger.filter((b) => role !== undefined && b.roles.includes(role)).map((b) => b.bytes);
    return Math.max(DEFAULT_BODY_LIMIT, ...allowed);
  };
}

/** A 413 in tRPC's error shape, so the portal's and the extension's clients show its message. */
export function trpcTooLarge(limit: number, req: Request) {
  const procedures = proceduresOf(req);
  return {
    error: {
      message: `Request body larger than ${formatBytes(limit)}, the limit for ${procedures.join(", ") || "this call"}`,
      code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE,
      data: {
        code: "PAYLOAD_TOO_LARGE",
        httpStatus: 413,
        path: procedures.length === 1 ? procedures[0] : undefined,
      },
    },
  };
}
