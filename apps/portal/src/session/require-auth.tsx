import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { errorCode } from "../api-errors";
import { ErrorAlert } from "../ui/error-alert";
import { PageLoader } from "../ui/page-loader";
import { CurrentUserContext, type SignInState, useSession } from "./session";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (errorCode(session.error) === "UNAUTHORIZED") {
    // data left over from before means the session ended under us rather than never existed
    const state: SignInState = { from: location.pathname + location.search, expired: !!session.data };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  if (session.data) {
    return <CurrentUserContext.Provider value={session.data.user}>{children}</CurrentUserContext.Provider>;
  }
  if (session.error) {
    return (
      <ErrorAlert
        m="xl"
        title={t("errors.loadFailed", { what: t("auth.sessionWhat") })}
        error={session.error}
        onRetry={() => void session.refetch()}
      />
    );
  }
  return <PageLoader />;
}
