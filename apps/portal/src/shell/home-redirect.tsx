import { Navigate } from "react-router";
import { useCurrentUser } from "../session/session";
import { homePathFor } from "./navigation";

export function HomeRedirect() {
  return <Navigate to={homePathFor(useCurrentUser().role)} replace />;
}
