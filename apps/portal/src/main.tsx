import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { AppProviders } from "./app-providers";
import { startI18n } from "./i18n";
import { routes } from "./routes";
import { createApiClient } from "./trpc";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// the strings of the language the user reads come first (one chunk), then the first render
void startI18n().then((i18n) =>
  createRoot(root).render(
    <StrictMode>
      <AppProviders client={createApiClient()} i18n={i18n}>
        <RouterProvider router={createBrowserRouter(routes)} />
      </AppProviders>
    </StrictMode>,
  ),
);
