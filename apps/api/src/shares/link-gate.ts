import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookie } from "cookie";
import type { Request, Response } from "express";

/** What a link (or its deal room) asks of a visitor before showing anything. */
export interface LinkGate {
  /** The link's id, or its room's: one pass opens every asset of a room. */
  id: string;
  requireEmail: boolean;
  passcodeHash: string | null;
}

export const gateIsOpen = (gate: LinkGate) => !gate.requireEmail && gate.passcodeHash === null;

const PASS_DAYS = 30;
const cookieName = (gate: LinkGate) => `psg_${gate.id.replace(/-/g, "").slice(0, 20)}`;

/** Changing the passcode changes the signature: every pass given under the old one stops working. */
function signature(secret: string, gate: LinkGate, email: string): string {
  return createHmac("sha256", secret)
    .update(`link-gate:${gate.id}:${email}:${gate.passcodeHash ?? ""}`)
    .digest("base64url");
}

/**
 * Whether the visitor has passed the gate, and the email they gave there.
 * A link with no gate is always passed, with no email.
 */
export function readGatePass(
  req: Request,
  secret: string,
  gate: LinkGate,
): { passed: boolean; email: string | null } {
  if (gateIsOpen(gate)) return { passed: true, email: null };
  const value = req.headers.cookie ? parseCookie(req.headers.cookie)[cookieName(gate)] : undefined;
  const [encoded = "", signed = ""] = (value ?? "").split(".");
  const email = Buffer.from(encoded, "base64url").toString("utf8");
  const expected = Buffer.from(signature(secret, gate, email));
  const given = Buffer.from(signed);
  const passed = given.length === expected.length && timingSafeEqual(given, expected);
  if (!passed || (gate.requireEmail && !email)) return { passed: false, email: null };
  return { passed: true, email: email || null };
}

/** Lets the visitor in for PASS_DAYS; httpOnly, so the page's script never sees it. */
export function giveGatePass(res: Response, secret: string, gate: LinkGate, email: string, secure: boolean) {
  const value = `${Buffer.from(email, "utf8").toString("base64url")}.${signature(secret, gate, email)}`;
  res.cookie(cookieName(gate), value, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: PASS_DAYS * 24 * 60 * 60 * 1000,
  });
}
