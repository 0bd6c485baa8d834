import type { Role } from "@pitchside/shared";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError, type ErrorDetail, trpcErrorOf } from "../errors";
import type { Context } from "./context";

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const detail = error.cause instanceof AppError ? error.cause.detail : undefined;
    const issues:
      | { path: string; message: string; reason?: string; params?: ErrorDetail["params"] }[]
      | undefined =
      error.cause instanceof ZodError
        ? error.cause.issues.map((i) => ({ path: i.path.join("."), message: i.message }))
        : detail?.field
          ? [{ path: detail.field, message: error.message, reason: detail.reason, params: detail.params }]
          : undefined;
    const message = issues
      ? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")
      : error.code === "INTERNAL_SERVER_ERROR"
        ? "Internal server error"
        : shape.message;
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        issues,
        reason: detail?.reason,
        params: detail?.params,
      },
    };
  },
});

export const router = t.router;

/** Turns the domain's AppError into the matching tRPC error, for every procedure. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw trpcErrorOf(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(appErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.credential) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user, credential: ctx.credential } });
});

export const roleProcedure = (...allowed: Role[]) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!allowed.includes(ctx.user.role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the role ${allowed.join(" or ")}` });
    }
    return next();
  });
