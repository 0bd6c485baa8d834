import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProviders } from "../src/app-providers";
import type { Language } from "../src/i18n/language";
import { routes } from "../src/routes";
import { createApiClient } from "../src/trpc";
import { apiUrl } from "./api";
import { createBundledI18n } from "./bundled-i18n";

/**
 * The whole portal (real routes, providers and tRPC client) at `path`, talking to the real test API,
 * signed in with `token` (a bearer token) or through the session cookie the sign-in page gets.
 */
export function renderApp(options: { token?: string; path?: string; language?: Language } = {}) {
  const i18n = createBundledI18n(options.language ?? "en");
  const client = createApiClient({ url: `${apiUrl()}/trpc`, token: options.token });
  const router = createMemoryRouter(routes, { initialEntries: [options.path ?? "/"] });
  const view = render(
    <AppProviders client={client} i18n={i18n}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, i18n, user: userEvent.setup({ delay: null }) };
}
