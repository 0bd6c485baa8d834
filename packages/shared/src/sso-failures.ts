/**
 * Why a single sign-on ended on the sign-in page (its `sso_error` parameter): the API names one,
 * the portal and the extension have a string for each.
 */
export const ssoRefusals = [
  "sso_email_missing",
  "sso_domain_not_allowed",
  "sso_user_disabled",
  "sso_account_conflict",
] as const;
export type SsoRefusal = (typeof ssoRefusals)[number];

export const ssoFailures = [
  ...ssoRefusals,
  "sso_not_configured",
  "sso_unavailable",
  "sso_state",
  "sso_denied",
  "sso_code_rejected",
  "sso_token_expired",
  "sso_token_invalid",
  "sso_failed",
] as const;
export type SsoFailure = (typeof ssoFailures)[number];

/** A value from a URL as a failure we name, anything else (a hand-edited URL) as the generic one. */
export const asSsoFailure = (value: string): SsoFailure =>
  (ssoFailures as readonly string[]).includes(value) ? (value as SsoFailure) : "sso_failed";
