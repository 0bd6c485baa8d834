import { useQuery } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import type { SessionUser } from "../api-types";
import { useTRPC } from "../trpc";

/** "Who am I?": UNAUTHORIZED means signed out. */
export function useSession() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), retry: false, staleTime: 5 * 60_000 });
}

export const CurrentUserContext = createContext<SessionUser | null>(null);

/** The signed-in user; only inside RequireAuth. */
export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser needs RequireAuth above it");
  return user;
}

/** The signed-in user, or null on pages open to everyone (sign-in). */
export function useOptionalUser(): SessionUser | null {
  return useContext(CurrentUserContext);
}

/** Where sign-in sends people back to, and why they landed there. */
export interface SignInState {
  from?: string;
  expired?: boolean;
}
