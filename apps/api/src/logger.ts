import { pino } from "pino";
import { PinoPretty } from "pino-pretty";

export type Logger = pino.Logger;

/** Never log what grants access. */
export const redactPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "password",
  "*.password",
  "token",
  "*.token",
  // single sign-on: the client secret (config), and what a provider's answer carries
  "clientSecret",
  "*.clientSecret",
  "*.id_token",
  "*.access_token",
  "*.refresh_token",
  "*.code_verifier",
];

export type LogFormat = "json" | "pretty";

/** Pretty lines for a person at a terminal, JSON for a log collector (a pipe, a file, systemd, docker). */
export const defaultLogFormat = (isTTY = process.stdout.isTTY): LogFormat => (isTTY ? "pretty" : "json");

export function createLogger(level: string, format: LogFormat = "json"): Logger {
  const options = { level, redact: { paths: redactPaths, censor: "[redacted]" } };
  if (format === "json") return pino(options);
  // in this thread and synchronous: a line is written before the process exits (no transport worker to flush)
  return pino(options, PinoPretty({ colorize: process.stdout.isTTY, sync: true, ignore: "pid,hostname" }));
}
