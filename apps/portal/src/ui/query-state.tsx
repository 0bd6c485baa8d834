import type { UseInfiniteQueryResult, UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "./error-alert";
import { PageLoader } from "./page-loader";

interface QueryStateProps<T> {
  query: UseQueryResult<T, unknown> | UseInfiniteQueryResult<T, unknown>;
  /** What is being loaded, for the error title ("Couldn't load users"). */
  what: string;
  children: (data: T) => ReactNode;
}

/**
 * Loading, then the data, or what failed with a Retry button. A list whose next page failed keeps
 * the pages it has: it says so by its "more" button.
 */
export function QueryState<T>({ query, what, children }: QueryStateProps<T>) {
  const { t } = useTranslation();
  const nextPageFailed = "isFetchNextPageError" in query && query.isFetchNextPageError;
  if (query.isError && !nextPageFailed) {
    return (
      <ErrorAlert
        title={t("errors.loadFailed", { what })}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (query.data === undefined) return <PageLoader />;
  return <>{children(query.data)}</>;
}
