import { TRPCError } from "@trpc/server";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
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

/** An expected failure with a message meant for the caller (English; `detail` lets a UI localize it). */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly detail?: ErrorDetail,
  ) {
    super(message);
  }
}

const httpStatus: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

export const statusOf = (err: AppError) => httpStatus[err.code];

/** The one place an AppError becomes a tRPC error. */
export function toTRPCError(err: unknown): unknown {
  if (err instanceof AppError) return new TRPCError({ code: err.code, message: err.message, cause: err });
  return err;
}

/** The seconds a refusal (TOO_MANY_REQUESTS with a `seconds` param) asks the caller to wait, if any. */
export function retryAfterOf(errors: readonly TRPCError[]): number | undefined {
  for (const error of errors) {
    const seconds = error.cause instanceof AppError ? error.cause.detail?.params?.seconds : undefined;
    if (error.code === "TOO_MANY_REQUESTS" && typeof seconds === "number") return seconds;
  }
  return undefined;
}
