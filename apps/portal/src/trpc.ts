import type { AppRouter } from "@pitchside/api/router";
import { createTRPCClient, httpBatchLink, splitLink, type TRPCClient } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type ApiClient = TRPCClient<AppRouter>;

/** The browser signs in with its session cookie; tests may pass a bearer token instead. */
export function createApiClient(options: { url?: string; token?: string } = {}): ApiClient {
  const { token } = options;
  const link = (methodOverride?: "POST") =>
    httpBatchLink({
      url: options.url ?? "/trpc",
      headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      ...(methodOverride ? { methodOverride } : {}),
    });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        // a pasted email goes in the body: never in a URL (server logs, history), and never over its length limit
        condition: (op) => op.type === "query" && op.path.startsWith("suggest."),
        true: link("POST"),
        false: link(),
      }),
    ],
  });
}
