import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { extensionConnectCodes, users } from "../db/schema";
import { AppError } from "../errors";
import { issueExtensionToken } from "./auth-service";
import { hashToken, newSecretToken } from "./tokens";
import { publicUserColumns, type SessionUser } from "./users-service";

/** Long enough to come back from the identity provider's page, short enough to be useless later. */
export const CONNECT_CODE_TTL_MS = 2 * 60_000;

/** A single-use code for the signed-in user's extension (the portal's tab hands it over). */
export async function mintConnectCode(db: Db, userId: string, now = new Date()): Promise<string> {
  const code = newSecretToken("psc_");
  await db.insert(extensionConnectCodes).values({
    codeHash: hashToken(code),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CONNECT_CODE_TTL_MS),
  });
  return code;
}

/**
 * The extension's half: a code minted for an active user, unused and unexpired, becomes an extension
 * token; the code is spent whatever follows, so a replay finds nothing.
 */
export async function redeemConnectCode(
  db: Db,
  code: string,
  tokenName: string | undefined,
  now = new Date(),
): Promise<{ user: SessionUser; token: string }> {
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(extensionConnectCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(extensionConnectCodes.codeHash, hashToken(code)),
          isNull(extensionConnectCodes.usedAt),
          gt(extensionConnectCodes.expiresAt, now),
        ),
      )
      .returning({ userId: extensionConnectCodes.userId });
    const [user] = spent
      ? await tx
          .select(publicUserColumns)
          .from(users)
          .where(and(eq(users.id, spent.userId), isNull(users.disabledAt)))
      : [];
    if (!user) {
      throw new AppError(
        "UNAUTHORIZED",
        "code: this sign-in link was used, has expired or is unknown; sign in again",
        {
          reason: "connectCodeInvalid",
        },
      );
    }
    const { token } = await issueExtensionToken(tx, user.id, tokenName);
    return { user, token };
  });
}
