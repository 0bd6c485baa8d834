/**
 * A real OpenID provider (the npm oidc-provider, a certified implementation) in a process of its
 * own, so that its clock can be set apart from the API's: the parent sends `clock` to shift it.
 * Sign-in is this file's own interaction route: `GET /interaction/:uid?account=<sub>` signs that
 * account in, as a person would on the provider's page; consent is granted for the one client.
 */
import { createServer } from "node:http";
import Provider, { type Account } from "oidc-provider";

export interface TestAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  groups: string[];
}

export type ToProvider =
  | { kind: "start"; client: { id: string; secret: string; redirectUri: string }; accounts: TestAccount[] }
  | { kind: "clock"; offsetSeconds: number }
  | { kind: "account"; account: TestAccount };
export type FromProvider = { kind: "listening"; issuer: string } | { kind: "done" };

const realNow = Date.now.bind(Date);
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;

const accounts = new Map<string, TestAccount>();
const send = (message: FromProvider) => process.send?.(message);
const server = createServer();
let issuer = "";

function start(client: { id: string; secret: string; redirectUri: string }) {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [client.redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    pkce: { required: () => true },
    // ID tokens live ten minutes: a clock a quarter of an hour behind issues expired ones, while its
    // interaction cookies (an hour) still reach the browser alive
    ttl: { IdToken: 600 },
    scopes: ["openid", "email", "profile", "groups"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["test-provider-cookie-key-0123456789"] },
    findAccount: (_ctx, sub): Account | undefined => {
      const found = accounts.get(sub);
      if (!found) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: found.email,
          email_verified: found.emailVerified,
          name: found.name,
          groups: found.groups,
        }),
      };
    },
    // a first-party client: consent is implied, as a company's IdP does for its own apps
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();
  server.on("request", async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (!url.pathname.startsWith("/interaction/")) return handle(req, res);
    try {
      const account = url.searchParams.get("account") ?? "";
      await provider.interactionDetails(req, res);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account } },
        { mergeWithLastSubmission: false },
      );
    } catch (err) {
      res.statusCode = 400;
      res.end(String(err));
    }
  });
}

process.on("message", (message: ToProvider) => {
  if (message.kind === "start") {
    for (const a of message.accounts) accounts.set(a.sub, a);
    start(message.client);
  } else if (message.kind === "clock") {
    offsetMs = message.offsetSeconds * 1000;
  } else {
    accounts.set(message.account.sub, message.account);
  }
  send({ kind: "done" });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  send({ kind: "listening", issuer });
});
