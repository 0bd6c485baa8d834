import type { SsoFailure } from "@pitchside/shared";
import { type Request, type Response, Router } from "express";
import * as client from "openid-client";
import { writeAudit } from "../audit";
import type { OidcConfig } from "../config";
import type { AppDeps } from "../deps";
import { startSession } from "./auth-service";
import {
  clearTransactionCookie,
  readTransactionCookie,
  safeReturnPath,
  setTransactionCookie,
  TRANSACTION_TTL_MS,
} from "./oidc-transaction";
import { setSessionCookie } from "./session-cookie";
import { resolveSsoUser, type SsoIdentity } from "./sso-users";

export const CALLBACK_PATH = "/api/auth/oidc/callback";

/**
 * The provider's metadata, fetched once on first use (not at start: a provider that is down must not
 * stop the API) and fetched again after a failure.
 */
function providerMetadata(oidc: OidcConfig) {
  let pending: Promise<client.Configuration> | undefined;
  return (): Promise<client.Configuration> => {
    pending ??= client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        undefined,
        client.ClientSecretBasic(oidc.clientSecret),
        {
          // a plain-http issuer is allowed only on this machine (a test provider, a local Keycloak)
          ...(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(oidc.issuer)
            ? { execute: [client.allowInsecureRequests] }
            : {}),
        },
      )
      .catch((err: unknown) => {
        pending = undefined;
        throw err;
      });
    return pending;
  };
}

const errorCode = (err: unknown): string | undefined =>
  err instanceof Error && "code" in err && typeof err.code === "string" ? err.code : undefined;

/** The failure to name on the sign-in page; openid-client's errors carry oauth4webapi's codes. */
function failureOf(err: unknown): SsoFailure {
  if (err instanceof client.AuthorizationResponseError) return "sso_denied";
  if (err instanceof client.ResponseBodyError) {
    return err.error === "invalid_grant" ? "sso_code_rejected" : "sso_failed";
  }
  const code = errorCode(err) ?? errorCode(err instanceof Error ? err.cause : undefined);
  if (code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED") return "sso_token_expired";
  if (
    code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" ||
    code === "OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED" ||
    code === "OAUTH_KEY_SELECTION_FAILED" ||
    code === "OAUTH_INVALID_RESPONSE"
  ) {
    return "sso_token_invalid";
  }
  return "sso_failed";
}

/** The API's own origin for the redirect URI: PUBLIC_URL when set, else the address the browser used. */
const ownOrigin = (deps: AppDeps, req: Request) =>
  deps.config.publicUrlSet ? deps.config.publicUrl : `${req.protocol}://${req.get("host") ?? ""}`;

/** GET /api/auth/oidc/start and /callback: the portal's sign-in through the company's OpenID provider. */
export function oidcRoutes(deps: AppDeps): Router {
  const routes = Router();
  const oidc = deps.config.oidc;
  const secure = deps.config.publicUrl.startsWith("https:");
  const metadata = oidc ? providerMetadata(oidc) : undefined;

  const toSignIn = (res: Response, failure: SsoFailure) => {
    res.redirect(302, `/sign-in?sso_error=${failure}`);
  };

  routes.get("/api/auth/oidc/start", async (req: Request, res: Response) => {
    if (!oidc || !metadata) return toSignIn(res, "sso_not_configured");
    let config: client.Configuration;
    try {
      config = await metadata();
    } catch (err) {
      req.log.warn({ code: errorCode(err), message: (err as Error).message }, "OIDC discovery failed");
      return toSignIn(res, "sso_unavailable");
    }
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const redirectUri = `${ownOrigin(deps, req)}${CALLBACK_PATH}`;
    setTransactionCookie(
      res,
      deps.config.sessionSecret,
      {
        state,
        nonce,
        verifier,
        redirectUri,
        returnTo: safeReturnPath(req.query.return),
        expiresAt: Date.now() + TRANSACTION_TTL_MS,
      },
      secure,
    );
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: oidc.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    res.setHeader("Cache-Control", "no-store");
    res.redirect(302, url.href);
  });

  routes.get(CALLBACK_PATH, async (req: Request, res: Response) => {
    res.setHeader("Cache-Control", "no-store");
    if (!oidc || !metadata) return toSignIn(res, "sso_not_configured");
    const tx = readTransactionCookie(req, deps.config.sessionSecret);
    clearTransactionCookie(res, secure);
    const query = new URL(req.originalUrl, "http://callback.invalid").searchParams;
    if (!tx || query.get("state") !== tx.state) return toSignIn(res, "sso_state");
    let identity: SsoIdentity;
    try {
      const config = await metadata();
      const tokens = await client.authorizationCodeGrant(config, new URL(`${tx.redirectUri}?${query}`), {
        pkceCodeVerifier: tx.verifier,
        expectedState: tx.state,
        expectedNonce: tx.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) return toSignIn(res, "sso_token_invalid");
      // providers put email and groups in the ID token or only in userinfo (oidc-provider, Okta's org server)
      const info = config.serverMetadata().userinfo_endpoint
        ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)
        : {};
      const claims: Record<string, unknown> = { ...info, ...idClaims };
      identity = {
        issuer: idClaims.iss,
        sub: idClaims.sub,
        email: typeof claims.email === "string" ? claims.email : undefined,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === "string" ? claims.name : undefined,
        claims,
      };
    } catch (err) {
      const failure = failureOf(err);
      // the code and message only: an error's cause may hold the provider's response
      req.log.warn({ failure, code: errorCode(err), message: (err as Error).message }, "OIDC sign-in failed");
      await writeAudit(deps.database.db, null, "auth.sso_failed", "user", null, { failure });
      return toSignIn(res, failure);
    }
    const outcome = await resolveSsoUser(deps.database.db, deps.bus, oidc, identity);
    if (!outcome.ok) return toSignIn(res, outcome.reason);
    const { sessionToken, expiresAt } = await startSession(deps.database.db, outcome.user.id);
    await writeAudit(deps.database.db, outcome.user.id, "auth.sso_login", "user", outcome.user.id, {
      issuer: identity.issuer,
    });
    setSessionCookie(res, sessionToken, expiresAt, secure);
    res.redirect(302, tx.returnTo);
  });

  return routes;
}
