import { and, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { visibleAssetsWhere } from "../assets/visibility";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import { assets, auditLog, contentRequests, notifications, users } from "../db/schema";
import { AppError } from "../errors";
import { publicUserColumns, type SessionUser } from "../identity/users-service";
import type { RequestCreateInput, RequestQueueInput } from "./request-inputs";

export const requestStatuses = ["open", "in_progress", "answered", "declined"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

const requester = alias(users, "requester");
const assignee = alias(users, "assignee");

// a left-joined row that is missing comes back as null
const person = (row: { id: string; name: string } | null) => (row ? { id: row.id, name: row.name } : null);

/** Requests with who asked, who holds them, the answer, and (declined) why. */
async function loadRequests(db: Db, where: SQL | undefined, limit = 200) {
  const rows = await db
    .select({
      request: contentRequests,
      requester: { id: requester.id, name: requester.name },
      assignee: { id: assignee.id, name: assignee.name },
      answer: { id: assets.id, title: assets.title },
    })
    .from(contentRequests)
    .leftJoin(requester, eq(requester.id, contentRequests.requesterId))
    .leftJoin(assignee, eq(assignee.id, contentRequests.assigneeId))
    .leftJoin(assets, eq(assets.id, contentRequests.answerAssetId))
    .where(where)
    .orderBy(desc(contentRequests.createdAt), desc(contentRequests.id))
    .limit(limit);
  const reasons = await declineReasons(
    db,
    rows.filter((r) => r.request.status === "declined").map((r) => r.request.id),
  );
  return rows.map((r) => ({
    id: r.request.id,
    title: r.request.title,
    details: r.request.details,
    status: r.request.status,
    requester: person(r.requester),
    assignee: person(r.assignee),
    answer: r.answer ? { id: r.answer.id, title: r.answer.title } : null,
    declineReason: reasons.get(r.request.id) ?? null,
    createdAt: r.request.createdAt.toISOString(),
    updatedAt: r.request.updatedAt.toISOString(),
  }));
}
export type ContentRequestDto = Awaited<ReturnType<typeof loadRequests>>[number];

/** The table has no column for it (yet), so the reason lives in the decline's audit line. */
async function declineReasons(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ entityId: auditLog.entityId, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, "request.decline"), inArray(auditLog.entityId, ids)))
    .orderBy(desc(auditLog.id));
  const out = new Map<string, string>();
  for (const row of rows) {
    const reason = row.details.reason;
    if (row.entityId && typeof reason === "string" && !out.has(row.entityId)) out.set(row.entityId, reason);
  }
  return out;
}

async function loadOne(db: Db, id: string): Promise<ContentRequestDto> {
  const [row] = await loadRequests(db, eq(contentRequests.id, id), 1);
  if (!row) throw new AppError("NOT_FOUND", `No content request with id ${id}`);
  return row;
}

export async function createRequest(
  db: Db,
  user: SessionUser,
  input: RequestCreateInput,
): Promise<ContentRequestDto> {
  const [row] = await db
    .insert(contentRequests)
    .values({ requesterId: user.id, title: input.title, details: input.details })
    .returning({ id: contentRequests.id });
  if (!row) throw new Error("the request was not stored");
  await writeAudit(db, user.id, "request.create", "content_request", row.id, { title: input.title });
  return loadOne(db, row.id);
}

/** The caller's own requests, newest first. */
export function listMyRequests(db: Db, user: SessionUser, status?: RequestStatus[]) {
  return loadRequests(
    db,
    and(
      eq(contentRequests.requesterId, user.id),
      status?.length ? inArray(contentRequests.status, status) : undefined,
    ),
  );
}

/** Everyone's requests for marketers: the queue, optionally by status or assignee. */
export function listQueue(db: Db, filter: RequestQueueInput, user: SessionUser) {
  const conditions: SQL[] = [];
  if (filter.status?.length) conditions.push(inArray(contentRequests.status, filter.status));
  if (filter.assignee === "me") conditions.push(eq(contentRequests.assigneeId, user.id));
  if (filter.assignee === "nobody") conditions.push(isNull(contentRequests.assigneeId));
  return loadRequests(db, and(...conditions));
}

/** Marketers and admins who can take a request. */
export async function listAssignees(db: Db) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(inArray(users.role, ["marketer", "admin"]), isNull(users.disabledAt)))
    .orderBy(users.name);
}

const closed = (status: RequestStatus) => status === "answered" || status === "declined";

async function openRequest(db: Db, id: string) {
  const [row] = await db.select().from(contentRequests).where(eq(contentRequests.id, id));
  if (!row) throw new AppError("NOT_FOUND", `No content request with id ${id}`);
  if (closed(row.status)) throw new AppError("CONFLICT", `This request is already ${row.status}`);
  return row;
}

export async function assignRequest(db: Db, actor: SessionUser, id: string, assigneeId: string | null) {
  await openRequest(db, id);
  if (assigneeId) {
    const [target] = await db
      .select({ role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, assigneeId));
    if (!target || target.disabledAt || target.role === "rep") {
      throw new AppError("BAD_REQUEST", "assigneeId: requests go to an active marketer or admin");
    }
  }
  await db
    .update(contentRequests)
    .set({ assigneeId, status: assigneeId ? "in_progress" : "open", updatedAt: new Date() })
    .where(eq(contentRequests.id, id));
  await writeAudit(db, actor.id, "request.assign", "content_request", id, { assigneeId });
  return loadOne(db, id);
}

/** Answers with a published asset the requester can open, and tells them. */
export async function answerRequest(db: Db, actor: SessionUser, id: string, assetId: string) {
  const request = await openRequest(db, id);
  const [asker] = request.requesterId
    ? await db.select(publicUserColumns).from(users).where(eq(users.id, request.requesterId))
    : [];
  const [asset] = await db
    .select({ id: assets.id, title: assets.title })
    .from(assets)
    .where(
      and(
        eq(assets.id, assetId),
        eq(assets.status, "published"),
        asker ? visibleAssetsWhere(asker) : undefined,
      ),
    );
  if (!asset) {
    throw new AppError("BAD_REQUEST", "assetId: answer with published content the requester can see");
  }
  await db.transaction(async (tx) => {
    await tx
      .update(contentRequests)
      .set({
        status: "answered",
        answerAssetId: asset.id,
        assigneeId: request.assigneeId ?? actor.id,
        updatedAt: new Date(),
      })
      .where(eq(contentRequests.id, id));
    if (asker) {
      await tx.insert(notifications).values({
        userId: asker.id,
        kind: "request_answered",
        payload: {
          requestId: id,
          requestTitle: request.title,
          assetId: asset.id,
          assetTitle: asset.title,
          by: actor.name,
        },
      });
    }
    await writeAudit(tx, actor.id, "request.answer", "content_request", id, { assetId: asset.id });
  });
  return loadOne(db, id);
}

export async function declineRequest(db: Db, actor: SessionUser, id: string, reason: string) {
  const request = await openRequest(db, id);
  await db.transaction(async (tx) => {
    await tx
      .update(contentRequests)
      .set({ status: "declined", assigneeId: request.assigneeId ?? actor.id, updatedAt: new Date() })
      .where(eq(contentRequests.id, id));
    if (request.requesterId) {
      await tx.insert(notifications).values({
        userId: request.requesterId,
        kind: "request_declined",
        payload: { requestId: id, requestTitle: request.title, reason, by: actor.name },
      });
    }
    await writeAudit(tx, actor.id, "request.decline", "content_request", id, { reason });
  });
  return loadOne(db, id);
}
