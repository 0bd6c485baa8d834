import type { Role } from "@pitchside/shared";
import { Outlet } from "react-router";
import { NotAllowedPage } from "./not-allowed-page";
import { useCurrentUser } from "./session";

/** Shows the child routes only to the given roles; the API enforces the same rule on every call. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const user = useCurrentUser();
  return roles.includes(user.role) ? <Outlet /> : <NotAllowedPage />;
}
