import type { Response } from "express";

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

/** An expected SCIM failure: becomes the SCIM error body with its HTTP status. */
export class ScimError extends Error {
  override name = "ScimError";
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
  }
}

export const badRequest = (scimType: ScimType, message: string) => new ScimError(400, message, scimType);
export const notFound = (what: string, id: string) => new ScimError(404, `${what} ${id} not found`);

/** Sends a SCIM resource, list or error as application/scim+json. */
export function sendScim(res: Response, status: number, body: unknown): void {
  res.status(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}

export function sendScimError(res: Response, status: number, detail: string, scimType?: ScimType): void {
  sendScim(res, status, {
    schemas: [ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  });
}
