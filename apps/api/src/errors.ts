import { type TRPC_ERROR_CODE_KEY, TRPCError } from "@trpc/server";
import type { Response } from "express";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "GONE"
  | "TOO_MANY_REQUESTS"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE";

/**
 * What a UI needs to say an error in its own language: a stable `reason` its catalog has a string
 * for, the values that string names, and the input field at fault, if one is.
 */
export interface ErrorDetail {
  reason: string;
  params?: Record<string, string | number>;
  field?: string;
}

/**
 * An expected failure with a message meant for the caller (English; `detail` lets a UI localize it).
 * `headers` go with a plain HTTP route's reply (Retry-After, WWW-Authenticate).
 */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly detail?: ErrorDetail,
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

/**
 * The one table from AppError codes to an answer: the HTTP status of a plain route's reply and the
 * tRPC code of a procedure's. tRPC has no 410; an ended link is only answered by the viewer's routes.
 */
const answers: Record<AppErrorCode, { status: number; trpc: TRPC_ERROR_CODE_KEY }> = {
  BAD_REQUEST: { status: 400, trpc: "BAD_REQUEST" },
  UNAUTHORIZED: { status: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { status: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  CONFLICT: { status: 409, trpc: "CONFLICT" },
  GONE: { status: 410, trpc: "NOT_FOUND" },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: "PAYLOAD_TOO_LARGE" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, trpc: "UNSUPPORTED_MEDIA_TYPE" },
  TOO_MANY_REQUESTS: { status: 429, trpc: "TOO_MANY_REQUESTS" },
};

export const statusOf = (err: AppError) => answers[err.code].status;

/** The tRPC error a procedure answers an AppError with. */
export const trpcErrorOf = (err: AppError) =>
  new TRPCError({ code: answers[err.code].trpc, message: err.message, cause: err });

/** Sets the headers an AppError carries and its status; the caller sends the body. */
export function replyStatus(res: Response, err: AppError): Response {
  for (const [name, value] of Object.entries(err.headers ?? {})) res.setHeader(name, value);
  return res.status(statusOf(err));
}

/** A plain route's JSON reply to an AppError: `{ error }`, with its detail's reason and params if any. */
export function sendAppError(res: Response, err: AppError): void {
  const { reason, params } = err.detail ?? {};
  replyStatus(res, err).json({
    error: err.message,
    ...(reason ? { reason } : {}),
    ...(params ? { params } : {}),
  });
}

/** The seconds a refusal (TOO_MANY_REQUESTS with a `seconds` param) asks the caller to wait, if any. */
export function retryAfterOf(errors: readonly TRPCError[]): number | undefined {
  for (const error of errors) {
    const seconds = error.cause instanceof AppError ? error.cause.detail?.params?.seconds : undefined;
    if (error.code === "TOO_MANY_REQUESTS" && typeof seconds === "number") return seconds;
  }
  return undefined;
}
