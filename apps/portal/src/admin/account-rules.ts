import type { Role } from "@pitchside/shared";

// Restated, not imported: the runtime of @pitchside/shared pulls zod (~20 KiB gzipped) into the bundle.
// The types below fail to compile if shared changes either value.

/** Roles in the order the role picker lists them. */
export const roleOptions = ["rep", "marketer", "admin"] as const satisfies readonly Role[];
const everyRoleListed: [Exclude<Role, (typeof roleOptions)[number]>] extends [never] ? true : false = true;
void everyRoleListed;

export const PASSWORD_MIN_LENGTH: typeof import("@pitchside/shared")["PASSWORD_MIN_LENGTH"] = 12;
