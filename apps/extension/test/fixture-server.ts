import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
export const FIXTURE_HOSTS = [
  "mail.google.com",
  "www.linkedin.com",
  "outlook.office.com",
  "outlook.office365.com",
  "outlook.live.com",
];

/** The page each host serves without `?fixture=`. */
const DEFAULT_FIXTURE: Record<string, string> = {
  "mail.google.com": "gmail-compose-en",
  "www.linkedin.com": "linkedin-profile",
  "outlook.office.com": "outlook-reading-en",
  "outlook.office365.com": "outlook-compose-en",
  "outlook.live.com": "outlook-reading-ja",
};

/** A throwaway self-signed certificate for the fixture hosts (the browser is told to ignore its issuer). */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), "pitchside-cert-"));
  try {
    const keyPath = path.join(dir, "key.pem");
    const certPath = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=mail.google.com",
        "-addext",
        `subjectAltName=${FIXTURE_HOSTS.map((h) => `DNS:${h}`).join(",")}`,
        "-keyout",
        keyPath,
        "-out",
        certPath,
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(keyPath), cert: readFileSync(certPath) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface FixtureServer {
  port: number;
  /** Every request the fixture hosts received ("host path"). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves the saved Gmail/LinkedIn/Outlook pages over HTTPS: `?fixture=<name>` picks the page, defaulting per
 * host. Gmail's pages are sent with its Trusted Types policy, so insertion is tested under it.
 */
export async function startFixtureServer(): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer(selfSignedCertificate(), (req, res) => {
    const host = (req.headers.host ?? "").split(":")[0] ?? "";
    requests.push(`${host} ${req.url ?? ""}`);
    const url = new URL(req.url ?? "/", `https://${host}`);
    const name = url.searchParams.get("fixture") ?? DEFAULT_FIXTURE[host] ?? "gmail-compose-en";
    if (!/^[a-z-]+$/.test(name) || url.pathname === "/favicon.ico") {
      res.writeHead(404).end();
      return;
    }
    let html: Buffer;
    try {
      html = readFileSync(path.join(FIXTURES, `${name}.html`));
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      ...(host === "mail.google.com"
        ? { "content-security-policy": "require-trusted-types-for 'script'" }
        : {}),
    });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
