import { badRequest } from "./scim-errors";
import { type AttrPath, parsePath } from "./scim-filter";

export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/** Operations in one PATCH: a group's membership change comes in one, and Entra ID batches some. */
export const MAX_PATCH_OPERATIONS = 1000;

export interface PatchOperation {
  op: "add" | "replace" | "remove";
  /** Absent: `value` is an object of attribute → value (Okta's `{"op":"replace","value":{"active":false}}`). */
  path?: AttrPath;
  value?: unknown;
}

const OPS = new Set(["add", "replace", "remove"]);

/** A PATCH body's Operations, ops lower-cased (Entra ID sends `Replace`) and paths parsed. */
export function readPatch(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw badRequest("invalidSyntax", "body: a PatchOp object was expected");
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest("invalidSyntax", "Operations: a non-empty array was expected");
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw badRequest("tooMany", `Operations: at most ${MAX_PATCH_OPERATIONS} in one request`);
  }
  return operations.map((raw: unknown, i) => {
    if (!isObject(raw)) throw badRequest("invalidSyntax", `Operations[${i}]: an object was expected`);
    const op = typeof raw.op === "string" ? raw.op.toLowerCase() : "";
    if (!OPS.has(op)) {
      throw badRequest("invalidSyntax", `Operations[${i}].op: add, replace or remove was expected`);
    }
    if (raw.path !== undefined && typeof raw.path !== "string") {
      throw badRequest("invalidPath", `Operations[${i}].path: a string was expected`);
    }
    const path = raw.path ? parsePath(raw.path) : undefined;
    if (!path && op === "remove") throw badRequest("noTarget", `Operations[${i}]: remove needs a path`);
    if (!path && !isObject(raw.value)) {
      throw badRequest(
        "invalidValue",
        `Operations[${i}].value: an object was expected when there is no path`,
      );
    }
    return { op: op as PatchOperation["op"], ...(path ? { path } : {}), value: raw.value };
  });
}

/**
 * A path-less add or replace as one operation per attribute: `{"name.givenName": "A", "active": false}`
 * becomes two, each with its own path.
 */
export function expandPathless(op: PatchOperation): PatchOperation[] {
  if (op.path || !isObject(op.value)) return [op];
  return Object.entries(op.value).map(([key, value]) => ({ op: op.op, path: parsePath(key), value }));
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** SCIM booleans as providers send them: true/false, or Entra ID's "True"/"False" strings. */
export function readBoolean(value: unknown, attr: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw badRequest("invalidValue", `${attr}: true or false was expected`);
}
