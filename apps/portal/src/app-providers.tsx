import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./global.css";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import type { AppRouter } from "@pitchside/api/router";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { i18n } from "i18next";
import { type ReactNode, useState } from "react";
import { I18nextProvider } from "react-i18next";
import { createQueryClient } from "./query-client";
import { theme } from "./theme";
import { type ApiClient, TRPCProvider } from "./trpc";

export function AppProviders({
  client,
  i18n,
  children,
}: {
  client: ApiClient;
  i18n: i18n;
  children: ReactNode;
}) {
  const [queryClient] = useState(() => {
    // Any UNAUTHORIZED re-asks "who am I?"; when that fails too, RequireAuth sends the user to sign-in.
    const created = createQueryClient(() => {
      const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient: created });
      void created.invalidateQueries(trpc.auth.me.pathFilter());
    });
    return created;
  });
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={client} queryClient={queryClient}>
            {children}
          </TRPCProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
