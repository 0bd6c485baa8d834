import type { TestServer } from "./app-server";
import { openTestWorkspace } from "./test-workspace";

/** A SCIM answer: status, content type and the parsed body (read field by field in the tests). */
export interface ScimAnswer {
  status: number;
  type: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: SCIM bodies are free-form JSON the tests pick apart
  body: any;
}

/** Calls /scim/v2 as an identity provider does: a bearer token, application/scim+json. */
export function scimClient(server: TestServer, token: string | null) {
  return async (method: string, path: string, body?: unknown): Promise<ScimAnswer> => {
    const res = await fetch(`${server.url}/scim/v2${path}`, {
      method,
      headers: {
        accept: "application/scim+json",
        ...(body === undefined ? {} : { "content-type": "application/scim+json; charset=utf-8" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get("content-type"),
      body: text ? JSON.parse(text) : undefined,
    };
  };
}

/** A fresh SCIM token, made as an admin makes one in the portal. */
export async function newScimToken(server: TestServer, adminToken: string): Promise<string> {
  return (await server.client({ token: adminToken }).scim.rotateToken.mutate()).token;
}

/** The answer to a signed-in call: 200, or 401 once the credential is refused. */
export async function meStatus(
  server: TestServer,
  auth: { cookie?: string; token?: string },
): Promise<number> {
  const res = await fetch(`${server.url}/trpc/auth.me`, {
    headers: {
      ...(auth.cookie ? { cookie: auth.cookie } : {}),
      ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
    },
  });
  return res.status;
}

/** A test file's server (see openTestWorkspace) with SCIM provisioning turned on by an admin, and a client holding its token. */
export async function openScimServer(): Promise<{ server: TestServer; scim: ReturnType<typeof scimClient> }> {
  const { server, tokens } = await openTestWorkspace({ users: { admin: { role: "admin" } } });
  return { server, scim: scimClient(server, await newScimToken(server, tokens.admin)) };
}
