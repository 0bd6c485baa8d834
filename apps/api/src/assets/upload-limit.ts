import type { NextFunction, Request, Response } from "express";
import { pickLanguage } from "../accept-language";
import type { AppDeps } from "../deps";
import { AppError } from "../errors";
import { currentUser } from "../identity/http-auth";
import { Budget } from "../limits/budget";

const refusal = {
  en: (perHour: number, minutes: number) =>
    `Too many uploads: up to ${perHour} files an hour each. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  ja: (perHour: number, minutes: number) =>
    `アップロードが多すぎます（1 時間に ${perHour} 件まで）。${minutes} 分後にもう一度お試しください。`,
};

/**
 * Uploads per user and hour (UPLOADS_PER_HOUR), counted before the file is read so a refused one costs
 * neither bandwidth nor disk. Runs after requireUser. Fails open: uploaders are signed-in marketers
 * and admins and every file is size-limited, so a store outage should not stop their work.
 */
export function uploadBudget(deps: AppDeps) {
  const perHour = deps.config.limits.uploadsPerHour;
  const uploads = new Budget(deps.limiters, "uploads:user", perHour, 3600, "allow");
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const user = currentUser(res);
      const taken = await uploads.take(user.id);
      if (taken.ok) return next();
      const minutes = Math.ceil(taken.retryAfterSeconds / 60);
      // in the language the user chose in the portal, else the browser's
      const lang =
        user.locale === "ja" || user.locale === "en" ? user.locale : pickLanguage(req.get("accept-language"));
      throw new AppError(
        "TOO_MANY_REQUESTS",
        refusal[lang](perHour, minutes),
        { reason: "uploadThrottled", params: { perHour, minutes } },
        { "Retry-After": String(taken.retryAfterSeconds) },
      );
    } catch (err) {
      next(err);
    }
  };
}
