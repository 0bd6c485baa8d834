import type { AppRouter } from "@pitchside/api/router";
import type { Role } from "@pitchside/shared";
import { createTRPCClient, httpLink } from "@trpc/client";
import { inject } from "vitest";

export const apiUrl = () => inject("apiUrl");

/** A typed client of the real test API acting as the holder of `token` (none: signed out). */
export function apiAs(token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${apiUrl()}/trpc`,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        // never the session cookie a sign-in test left in the page's cookie jar
        fetch: (url, init) => fetch(url, { ...init, credentials: "omit" }),
      }),
    ],
  });
}

export const asAdmin = () => apiAs(inject("adminToken"));

/** A name no other test file (they share the API) will use. */
export const unique = (base: string) => `${base} ${Math.random().toString(36).slice(2, 8)}`;

export const TEST_PASSWORD = "correct-horse-battery-staple";

/** A new user made by the test admin through the API, signed in with a bearer token. */
export async function newUser(
  role: Role,
  over: { name?: string; teamId?: string | null; tokenName?: string } = {},
) {
  const email = `${unique(role).replace(" ", "-")}@portal.test`;
  const user = await asAdmin().users.create.mutate({
    email,
    name: over.name ?? unique(`Pat ${role}`),
    role,
    password: TEST_PASSWORD,
    teamId: over.teamId ?? null,
  });
  const login = await apiAs().auth.login.mutate({
    email,
    password: TEST_PASSWORD,
    client: "extension",
    ...(over.tokenName ? { tokenName: over.tokenName } : {}),
  });
  if (!("token" in login)) throw new Error("the API gave no token");
  return { user, email, password: TEST_PASSWORD, token: login.token };
}

/** A published link asset, made by a curator (marketer or admin) through the API. */
export async function publishedAsset(curatorToken: string, title: string) {
  const api = apiAs(curatorToken);
  const created = await api.assets.createLink.mutate({
    meta: { title, type: "case_study" },
    url: `https://example.com/${encodeURIComponent(title)}`,
  });
  await api.assets.setStatus.mutate({ id: created.assetId, status: "published" });
  return created.assetId;
}
