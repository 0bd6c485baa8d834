import type { AppRouter } from "@pitchside/api/router";
import { TRPCClientError } from "@trpc/client";

export type ApiError = TRPCClientError<AppRouter>;

export function isApiError(error: unknown): error is ApiError {
  return error instanceof TRPCClientError;
}

/** The tRPC code (`UNAUTHORIZED`, `FORBIDDEN`, ...), or undefined when the server never answered. */
export function errorCode(error: unknown): string | undefined {
  return isApiError(error) ? error.data?.code : undefined;
}

export function errorPath(error: unknown): string | undefined {
  return isApiError(error) ? (error.data?.path ?? undefined) : undefined;
}

/** A reason the server named (`passwordWeak`) and its values: what a UI says in its own words. */
export interface ErrorReason {
  reason?: string | undefined;
  params?: Record<string, string | number> | undefined;
}

/**
 * Field-level messages from the server's input validation, keyed by field path (`email`, `password`);
 * `localize` may give the UI's own words for an issue that names a reason.
 */
export function fieldErrors(
  error: unknown,
  localize: (issue: ErrorReason) => string | undefined = () => undefined,
): Record<string, string> {
  const issues = isApiError(error) ? error.data?.issues : undefined;
  const byField: Record<string, string> = {};
  for (const issue of issues ?? []) {
    if (issue.path && !(issue.path in byField)) byField[issue.path] = localize(issue) ?? issue.message;
  }
  return byField;
}

/** True when the server pointed at specific fields, so the form shows them there instead of in a banner. */
export function hasFieldErrors(error: unknown): boolean {
  return Object.keys(fieldErrors(error)).length > 0;
}
