import { type NextFunction, type Request, type Response, Router } from "express";
import type { AppDeps } from "../deps";
import { AppError, statusOf } from "../errors";
import { escapeHtml } from "../html-escape";
import { authenticate } from "./authenticate";
import { mintConnectCode } from "./extension-connect";
import { offeredCredential } from "./request-credential";

export const CONNECT_PATH = "/api/auth/extension/connect";
export const CONNECTED_PATH = "/api/auth/extension/connected";

/** The extension's own random value, echoed back so it takes only the sign-in it started. */
const STATE = /^[A-Za-z0-9_-]{16,128}$/;

const pages = {
  en: {
    lang: "en",
    connected: "Pitchside extension signed in",
    connectedBody: "The extension has your sign-in. This tab closes by itself; if it stays, close it.",
    signInFirst: "Sign in to Pitchside first",
    signInFirstBody:
      "Sign in to the portal in this browser, then press “Sign in with the portal” in the extension again.",
    portal: "Open the portal",
    badRequest: "This sign-in link is not complete: start again from the extension.",
  },
  ja: {
    lang: "ja",
    connected: "Pitchside 拡張機能にサインインしました",
    connectedBody:
      "拡張機能にサインインを引き継ぎました。このタブは自動で閉じます。閉じない場合は閉じてください。",
    signInFirst: "先に Pitchside にサインインしてください",
    signInFirstBody:
      "このブラウザでポータルにサインインしてから、拡張機能の「ポータルでサインイン」をもう一度押してください。",
    portal: "ポータルを開く",
    badRequest: "このサインインのリンクは不完全です。拡張機能からやり直してください。",
  },
} as const;

const wordsFor = (req: Request) => (req.acceptsLanguages("en", "ja") === "ja" ? pages.ja : pages.en);

function page(res: Response, status: number, lang: string, title: string, body: string, link?: string) {
  res
    .status(status)
    .set({
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "Content-Type": "text/html; charset=utf-8",
    })
    .send(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">` +
        `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${link ?? ""}</body></html>`,
    );
}

/**
 * The extension signs in through the portal, never by a password typed into it: its tab opens
 * CONNECT_PATH; a browser signed in to the portal (by SSO or password) gets a single-use code in the
 * fragment of CONNECTED_PATH (never sent to a server, kept out of logs), which the extension reads
 * from its tab and exchanges (auth.redeemExtensionCode). Without a portal session: through SSO when
 * it is configured, else a page asking to sign in to the portal first.
 */
export function extensionConnectRoutes(deps: AppDeps): Router {
  const routes = Router();

  routes.get(CONNECT_PATH, async (req: Request, res: Response) => {
    const state = typeof req.query.state === "string" ? req.query.state : "";
    if (!STATE.test(state)) {
      throw new AppError("BAD_REQUEST", "state: missing or malformed", {
        reason: "badRequest",
        field: "state",
      });
    }
    // a portal session only: a bearer token is the extension's own, not a sign-in to hand over
    const auth = offeredCredential(req)?.kind === "cookie" ? await authenticate(deps, req) : null;
    if (!auth) {
      if (deps.config.oidc) {
        const back = `${CONNECT_PATH}?state=${state}`;
        return res.redirect(302, `/api/auth/oidc/start?return=${encodeURIComponent(back)}`);
      }
      throw new AppError("UNAUTHORIZED", "Sign in to the portal first", { reason: "signInFirst" });
    }
    const code = await mintConnectCode(deps.database.db, auth.user.id);
    res.set("Cache-Control", "no-store").redirect(302, `${CONNECTED_PATH}#code=${code}&state=${state}`);
  });

  routes.get(CONNECTED_PATH, (req: Request, res: Response) => {
    const words = wordsFor(req);
    page(res, 200, words.lang, words.connected, words.connectedBody);
  });

  // a browser tab is reading: an AppError becomes a page in its language, not JSON
  // Express needs all four parameters to see an error handler.
  routes.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!(err instanceof AppError)) return next(err);
    const words = wordsFor(req);
    if (err.detail?.reason === "signInFirst") {
      const link = `<p><a href="/">${escapeHtml(words.portal)}</a></p>`;
      return page(res, statusOf(err), words.lang, words.signInFirst, words.signInFirstBody, link);
    }
    page(res, statusOf(err), words.lang, words.badRequest, words.badRequest);
  });

  return routes;
}
