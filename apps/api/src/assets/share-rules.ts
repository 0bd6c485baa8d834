import type { NotShareable } from "@pitchside/shared";
import { AppError } from "../errors";

/** The refusal `shares.create` and `rooms.*` give, naming why. */
export function refusal(why: NotShareable, title: string): AppError {
  switch (why) {
    case "internal":
      return new AppError(
        "FORBIDDEN",
        `"${title}" is internal: it is for sellers only and cannot be sent to buyers`,
      );
    case "expired":
      return new AppError("BAD_REQUEST", `"${title}" has expired and can no longer be shared`);
    default:
      return new AppError(
        "BAD_REQUEST",
        `Only published assets can be shared; "${title}" is ${why === "in_review" ? "in review" : why === "draft" ? "a draft" : "archived"}`,
      );
  }
}

/** Link and room states as their owners see them. */
export type ShareState = "active" | "expired" | "revoked";

export function shareState(
  share: { revokedAt: Date | null; expiresAt: Date | null },
  now = new Date(),
): ShareState {
  if (share.revokedAt) return "revoked";
  if (share.expiresAt && share.expiresAt <= now) return "expired";
  return "active";
}
