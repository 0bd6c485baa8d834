import { emailSchema } from "@pitchside/shared/schemas";
import { badRequest } from "./scim-errors";
import { expandPathless, isObject, type PatchOperation, readBoolean } from "./scim-patch";

/** A SCIM User as this server keeps it: what a POST or PUT sends and a PATCH edits. */
export interface UserDraft {
  userName: string;
  externalId: string | null;
  active: boolean;
  formatted: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  /** The work (or primary) address of `emails`: the sign-in email when userName is no address. */
  workEmail: string | null;
}

/** What is stored from a draft. */
export interface UserColumns {
  email: string;
  /** userName when it is not the email itself. */
  scimUserName: string | null;
  name: string;
  externalId: string | null;
  active: boolean;
}

export const MAX_NAME = 200;
const MAX_TEXT = 320;

function text(value: unknown, attr: string, required = false): string | null {
  if (value === undefined || value === null || value === "") {
    if (required) throw badRequest("invalidValue", `${attr}: required`);
    return null;
  }
  if (typeof value !== "string") throw badRequest("invalidValue", `${attr}: a string was expected`);
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT)
    throw badRequest("invalidValue", `${attr}: longer than ${MAX_TEXT} characters`);
  if (required && !trimmed) throw badRequest("invalidValue", `${attr}: required`);
  return trimmed || null;
}

/** The work address among `emails`, else the primary, else the first. */
function pickEmail(emails: unknown): string | null {
  if (emails === undefined || emails === null) return null;
  if (!Array.isArray(emails)) throw badRequest("invalidValue", "emails: an array was expected");
  const entries = emails.filter(isObject);
  const chosen =
    entries.find((e) => e.type === "work") ?? entries.find((e) => e.primary === true) ?? entries[0];
  return chosen ? text(chosen.value, "emails.value") : null;
}

/**
 * A full User resource (POST, PUT); attributes this server does not keep are ignored. `absent` gives
 * active and externalId when the body leaves them out: a PUT without them keeps what is stored.
 */
export function draftFromResource(
  body: unknown,
  absent: { active: boolean; externalId: string | null } = { active: true, externalId: null },
): UserDraft {
  if (!isObject(body)) throw badRequest("invalidSyntax", "body: a User object was expected");
  const name = isObject(body.name) ? body.name : {};
  return {
    userName: text(body.userName, "userName", true) as string,
    externalId: body.externalId === undefined ? absent.externalId : text(body.externalId, "externalId"),
    active: body.active === undefined ? absent.active : readBoolean(body.active, "active"),
    formatted: text(name.formatted, "name.formatted"),
    givenName: text(name.givenName, "name.givenName"),
    familyName: text(name.familyName, "name.familyName"),
    displayName: text(body.displayName, "displayName"),
    workEmail: pickEmail(body.emails),
  };
}

/** The draft of a stored user; given and family names are the stored name split at its first space. */
export function draftFromStored(row: {
  email: string;
  scimUserName: string | null;
  name: string;
  externalId: string | null;
  disabledAt: Date | null;
}): UserDraft {
  const [givenName, familyName] = splitName(row.name);
  return {
    userName: row.scimUserName ?? row.email,
    externalId: row.externalId,
    active: row.disabledAt === null,
    formatted: row.name,
    givenName,
    familyName,
    displayName: row.name,
    workEmail: row.email,
  };
}

export function splitName(name: string): [string, string | null] {
  const space = name.indexOf(" ");
  return space < 0 ? [name, null] : [name.slice(0, space), name.slice(space + 1).trim() || null];
}

/** What a PATCH did to the name: set name.formatted, a part of the name, or displayName. */
type NameEdit = { formatted?: string | null; parts?: boolean; displayName?: string };

function setName(
  draft: UserDraft,
  edit: NameEdit,
  sub: string | undefined,
  value: unknown,
  op: PatchOperation["op"],
) {
  const v = op === "remove" ? null : value;
  if (sub === undefined) {
    if (op === "remove") {
      draft.formatted = draft.givenName = draft.familyName = null;
      edit.formatted = null;
      return;
    }
    if (!isObject(v)) throw badRequest("invalidValue", "name: an object was expected");
    for (const [key, part] of Object.entries(v)) setName(draft, edit, key.toLowerCase(), part, op);
    return;
  }
  if (sub === "formatted") {
    edit.formatted = text(v, "name.formatted");
  } else if (sub === "givenname" || sub === "familyname") {
    if (sub === "givenname") draft.givenName = text(v, "name.givenName");
    else draft.familyName = text(v, "name.familyName");
    // the stored name is rebuilt from the parts unless the request sets it too
    draft.formatted = null;
    edit.parts = true;
  }
}

/** Applies a PATCH's operations to a draft; attributes this server does not keep are ignored. */
export function patchDraft(draft: UserDraft, operations: PatchOperation[]): UserDraft {
  const next = { ...draft };
  const edit: NameEdit = {};
  for (const operation of operations.flatMap(expandPathless)) {
    const { op, path, value } = operation;
    if (!path) continue;
    const removing = op === "remove";
    switch (path.attr) {
      case "username":
        if (removing) throw badRequest("mutability", "userName: required, it cannot be removed");
        next.userName = text(value, "userName", true) as string;
        break;
      case "externalid":
        next.externalId = removing ? null : text(value, "externalId");
        break;
      case "active":
        if (removing) throw badRequest("mutability", "active: it cannot be removed");
        next.active = readBoolean(value, "active");
        break;
      case "displayname":
        next.displayName = removing ? null : text(value, "displayName");
        if (next.displayName) edit.displayName = next.displayName;
        break;
      case "name":
        setName(next, edit, path.sub, value, op);
        break;
      case "emails":
        if (removing) next.workEmail = null;
        else if (path.sub === "value" || path.where) next.workEmail = text(value, "emails.value");
        else next.workEmail = pickEmail(Array.isArray(value) ? value : [value]) ?? next.workEmail;
        break;
      default:
        break;
    }
  }
  if (edit.formatted !== undefined) next.formatted = edit.formatted;
  // a new displayName alone renames the user: it is the name the provider shows
  else if (edit.displayName && !edit.parts) next.formatted = edit.displayName;
  return next;
}

const isEmail = (v: string) => emailSchema.safeParse(v).success;

/** The columns a draft comes to: userName is the sign-in email, or the work email is when it is no address. */
export function columnsOf(draft: UserDraft): UserColumns {
  const email = isEmail(draft.userName) ? draft.userName : draft.workEmail;
  if (!email || !isEmail(email)) {
    throw badRequest(
      "invalidValue",
      "userName: an email address was expected (or emails must hold one when userName is not an address)",
    );
  }
  const lower = email.toLowerCase();
  const parts = [draft.givenName, draft.familyName].filter(Boolean).join(" ");
  const name = draft.formatted || parts || draft.displayName || lower.split("@")[0] || lower;
  if (name.length > MAX_NAME) throw badRequest("invalidValue", `name: longer than ${MAX_NAME} characters`);
  return {
    email: lower,
    scimUserName: draft.userName.toLowerCase() === lower ? null : draft.userName,
    name,
    externalId: draft.externalId,
    active: draft.active,
  };
}
