import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "./error-alert";
import { PageLoader } from "./page-loader";

interface QueryStateProps<T> {
  query: UseQueryResult<T, unknown>;
  /** What is being loaded, for the error title ("Couldn't load users"). */
  what: string;
  children: (data: T) => ReactNode;
}

/** Loading, then the data, or what failed with a Retry button. */
export function QueryState<T>({ query, what, children }: QueryStateProps<T>) {
  const { t } = useTranslation();
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    return (
      <ErrorAlert
        title={t("errors.loadFailed", { what })}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return <>{children(query.data)}</>;
}
