import type { Response } from "express";
import { AppError, type AppErrorCode, replyStatus, statusOf } from "../errors";

export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCIM_CONTENT_TYPE = "application/scim+json";

/** RFC 7644 §3.12's scimType values this server sends. */
export type ScimType =
  | "invalidFilter"
  | "invalidSyntax"
  | "invalidPath"
  | "invalidValue"
  | "mutability"
  | "noTarget"
  | "uniqueness"
  | "tooMany";

/** An expected SCIM failure: becomes the SCIM error body with its HTTP status (scimErrors). */
export class ScimError extends AppError {
  override name = "ScimError";
  constructor(
    code: AppErrorCode,
    message: string,
    readonly scimType?: ScimType,
    headers?: Record<string, string>,
  ) {
    super(code, message, undefined, headers);
  }

  get status(): number {
    return statusOf(this);
  }
}

export const badRequest = (scimType: ScimType, message: string) =>
  new ScimError("BAD_REQUEST", message, scimType);
export const notFound = (what: string, id: string) => new ScimError("NOT_FOUND", `${what} ${id} not found`);

/** Sends a SCIM resource, list or error as application/scim+json. */
export function sendScim(res: Response, status: number, body: unknown): void {
  res.status(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** A ScimError as SCIM's error body, with the headers it carries. */
export function sendScimFailure(res: Response, err: ScimError): void {
  replyStatus(res, err);
  sendScimError(res, err.status, err.message, err.scimType);
}

export function sendScimError(res: Response, status: number, detail: string, scimType?: ScimType): void {
  sendScim(res, status, {
    schemas: [ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  });
}
