/** Webmail and ISP domains say nothing about the account. */
const PERSONAL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.co.jp",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "mail.com",
  "docomo.ne.jp",
  "ezweb.ne.jp",
  "softbank.ne.jp",
  "i.softbank.jp",
  "au.com",
  "nifty.com",
  "ocn.ne.jp",
]);

/** Shaped like an address (something@domain.tld): what a form checks before the server's stricter rule. */
export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** The part after the last "@", lower-cased; "" for something that is not an address. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

export const isPersonalDomain = (domain: string) => PERSONAL_DOMAINS.has(domain.toLowerCase());

/**
 * Whether an address belongs to someone outside the rep's company: not the rep, and not on the rep's own
 * domain (unless that is a webmail domain, which says nothing about who is a colleague).
 */
export function isExternalAddress(email: string, self: string | null | undefined): boolean {
  const address = email.trim().toLowerCase();
  const own = (self ?? "").trim().toLowerCase();
  if (!own) return true;
  if (address === own) return false;
  const domain = emailDomain(own);
  return isPersonalDomain(domain) || emailDomain(address) !== domain;
}
