import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { visibleAssetsWhere } from "../assets/visibility";
import type { Db } from "../db/client";
import { assets, deals, feedback, suggestionMarks, users } from "../db/schema";
import { visibleDealsWhere } from "../deals/deal-visibility";
import { AppError } from "../errors";
import type { SessionUser } from "../identity/users-service";
import type { SuggestionMarkInput } from "./feedback-inputs";

/** Feedback on an asset the caller cannot see answers like a missing asset. */
async function assertVisible(db: Db, user: SessionUser, assetId: string) {
  const [row] = await db
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.id, assetId), visibleAssetsWhere(user)));
  if (!row) throw new AppError("NOT_FOUND", `No asset with id ${assetId}`);
}

/** A rating row holds a rating and no comment; a comment row the opposite. */
const ratingRows = (assetId: string) =>
  and(eq(feedback.assetId, assetId), isNotNull(feedback.rating), isNull(feedback.comment));

/** One rating per user per asset: a second call changes it. */
export async function rateAsset(db: Db, user: SessionUser, assetId: string, rating: number) {
  await assertVisible(db, user, assetId);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(feedback)
      .set({ rating, createdAt: new Date() })
      .where(and(ratingRows(assetId), eq(feedback.userId, user.id)))
      .returning({ id: feedback.id });
    if (updated.length === 0) await tx.insert(feedback).values({ assetId, userId: user.id, rating });
  });
  return feedbackForAsset(db, user, assetId);
}

export async function commentOnAsset(db: Db, user: SessionUser, assetId: string, comment: string) {
  await assertVisible(db, user, assetId);
  const [row] = await db
    .insert(feedback)
    .values({ assetId, userId: user.id, comment })
    .returning({ id: feedback.id, createdAt: feedback.createdAt });
  if (!row) throw new Error("insert returned no row");
  return { id: row.id, createdAt: row.createdAt.toISOString() };
}

/**
 * A rep's "helped" / "not helpful" on a suggestion: one mark per (user, asset, request), a second
 * click changes it. Answers the asset's votes as they now stand.
 */
export async function markSuggestion(db: Db, user: SessionUser, input: SuggestionMarkInput) {
  await assertVisible(db, user, input.assetId);
  if (input.dealId) {
    const [deal] = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.id, input.dealId), visibleDealsWhere(user)));
    if (!deal) throw new AppError("NOT_FOUND", `No deal with id ${input.dealId}`);
  }
  const requestId = input.requestId ?? null;
  const mine = and(
    eq(suggestionMarks.userId, user.id),
    eq(suggestionMarks.assetId, input.assetId),
    requestId === null ? isNull(suggestionMarks.requestId) : eq(suggestionMarks.requestId, requestId),
  );
  if (input.helped === null) await db.delete(suggestionMarks).where(mine);
  else {
    const values = {
      helped: input.helped,
      surface: input.surface,
      dealId: input.dealId ?? null,
      at: new Date(),
    };
    await db
      .insert(suggestionMarks)
      .values({ ...values, assetId: input.assetId, userId: user.id, requestId })
      .onConflictDoUpdate({
        target: [suggestionMarks.userId, suggestionMarks.assetId, suggestionMarks.requestId],
        set: values,
      });
  }
  const votes = (await markVotes(db, [input.assetId])).get(input.assetId) ?? noVotes;
  return { helped: input.helped, ...votes };
}

const noVotes = { helpedVotes: 0, notHelpfulVotes: 0 };

/**
 * Each asset's votes from suggestion marks: a rep's latest mark on the asset is one vote (marks
 * on many requests do not add up), "helped" for, "not helpful" against.
 */
export async function markVotes(db: Db, assetIds: string[]) {
  if (assetIds.length === 0) return new Map<string, typeof noVotes>();
  const latest = db
    .selectDistinctOn([suggestionMarks.assetId, suggestionMarks.userId], {
      assetId: suggestionMarks.assetId,
      helped: suggestionMarks.helped,
    })
    .from(suggestionMarks)
    .where(inArray(suggestionMarks.assetId, assetIds))
    .orderBy(suggestionMarks.assetId, suggestionMarks.userId, sql`${suggestionMarks.at} desc`)
    .as("latest");
  const rows = await db
    .select({
      assetId: latest.assetId,
      helpedVotes: sql<number>`count(*) filter (where ${latest.helped})::int`,
      notHelpfulVotes: sql<number>`count(*) filter (where not ${latest.helped})::int`,
    })
    .from(latest)
    .groupBy(latest.assetId);
  return new Map(rows.map(({ assetId, ...votes }) => [assetId, votes]));
}

/** The average and count of ratings (one per user), the caller's own rating, and comments oldest first. */
export async function feedbackForAsset(db: Db, user: SessionUser, assetId: string) {
  await assertVisible(db, user, assetId);
  // distinct on keeps one rating per user even if two requests raced past the update
  const latest = db
    .selectDistinctOn([feedback.userId], { userId: feedback.userId, rating: feedback.rating })
    .from(feedback)
    .where(ratingRows(assetId))
    .orderBy(feedback.userId, sql`${feedback.createdAt} desc`)
    .as("latest");
  const [summary] = await db
    .select({
      count: sql<number>`count(*)::int`,
      average: sql<number | null>`avg(${latest.rating})::float8`,
      mine: sql<number | null>`max(${latest.rating}) filter (where ${latest.userId} = ${user.id})`,
    })
    .from(latest);
  const [votes, [lastMark]] = await Promise.all([
    markVotes(db, [assetId]),
    db
      .select({ helped: suggestionMarks.helped })
      .from(suggestionMarks)
      .where(and(eq(suggestionMarks.assetId, assetId), eq(suggestionMarks.userId, user.id)))
      .orderBy(sql`${suggestionMarks.at} desc`)
      .limit(1),
  ]);
  const comments = await db
    .select({
      id: feedback.id,
      userId: feedback.userId,
      userName: users.name,
      comment: feedback.comment,
      createdAt: feedback.createdAt,
    })
    .from(feedback)
    .leftJoin(users, eq(users.id, feedback.userId))
    .where(and(eq(feedback.assetId, assetId), isNotNull(feedback.comment)))
    .orderBy(asc(feedback.createdAt));
  return {
    rating: {
      count: summary?.count ?? 0,
      average: summary?.average ?? null,
      mine: summary?.mine == null ? null : Number(summary.mine),
    },
    /** Suggestion marks: one vote per rep (their latest), and the caller's latest. */
    marks: { ...(votes.get(assetId) ?? noVotes), mine: lastMark?.helped ?? null },
    comments: comments.map((c) => ({
      id: c.id,
      author: c.userName,
      comment: c.comment ?? "",
      createdAt: c.createdAt.toISOString(),
      canDelete: c.userId === user.id || user.role === "admin",
    })),
  };
}
export type AssetFeedback = Awaited<ReturnType<typeof feedbackForAsset>>;

/** Authors delete their own comments; admins delete anyone's. */
export async function deleteComment(db: Db, user: SessionUser, id: string) {
  const [row] = await db
    .select({ userId: feedback.userId, assetId: feedback.assetId })
    .from(feedback)
    .where(and(eq(feedback.id, id), isNotNull(feedback.comment)));
  if (!row) throw new AppError("NOT_FOUND", `No comment with id ${id}`);
  await assertVisible(db, user, row.assetId);
  if (row.userId !== user.id && user.role !== "admin") {
    throw new AppError("FORBIDDEN", "Only the author or an admin can delete this comment");
  }
  await db.delete(feedback).where(eq(feedback.id, id));
  return { ok: true as const };
}
