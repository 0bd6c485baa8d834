import type { NextFunction, Request, Response } from "express";

/**
 * The portal's Content-Security-Policy: its own scripts only (no inline script, no eval), no plugins,
 * never framed. Styles allow inline `<style>` because Mantine injects its CSS variables that way; images,
 * fonts and pdf.js's worker come from the portal itself or blob:/data: URLs it makes, so an authored
 * Markdown card cannot load a tracking pixel from another host.
 */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data: blob:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Security headers for the portal's pages and static files. */
export function portalHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader("Content-Security-Policy", PORTAL_CSP);
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  next();
}
