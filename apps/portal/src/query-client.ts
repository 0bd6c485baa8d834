import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { errorCode, errorPath } from "./api-errors";

/** Calls whose UNAUTHORIZED answer is expected: a wrong password, or asking "who am I?" when signed out. */
const SESSION_PROCEDURES = new Set(["auth.login", "auth.me", "auth.logout"]);

/** `onSessionLost` runs when any other call says UNAUTHORIZED: the session expired or was ended elsewhere. */
export function createQueryClient(onSessionLost: () => void): QueryClient {
  const watch = (error: unknown) => {
    if (errorCode(error) === "UNAUTHORIZED" && !SESSION_PROCEDURES.has(errorPath(error) ?? "")) {
      onSessionLost();
    }
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: watch }),
    mutationCache: new MutationCache({ onError: watch }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // a refusal or a bad input will not change on retry; a network blip might
        retry: (failures, error) => errorCode(error) === undefined && failures < 2,
      },
    },
  });
}
