import { Navigate, type RouteObject } from "react-router";
import { routes as analyticsRoutes } from "./analytics/feature";
import { routes as collectionsRoutes } from "./collections/feature";
import { routes as libraryRoutes } from "./library/feature";
import { routes as linksRoutes } from "./links/feature";
import { routes as requestsRoutes } from "./requests/feature";
import { RequireRole } from "./session/require-role";
import { AppLayout } from "./shell/app-layout";
import { HomeRedirect } from "./shell/home-redirect";
import { NotFoundPage } from "./shell/not-found-page";
import { RouteErrorPage } from "./shell/route-error-page";
import { PageLoader } from "./ui/page-loader";

/** Each page is its own chunk, fetched on first visit. */
export const routes: RouteObject[] = [
  {
    path: "/sign-in",
    lazy: async () => ({ Component: (await import("./auth/sign-in-page")).SignInPage }),
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: PageLoader,
  },
  ...(
    [
      ["/invite", async () => (await import("./auth/invite-page")).InvitePage],
      ["/reset-password", async () => (await import("./auth/reset-password-page")).ResetPasswordPage],
      ["/forgot-password", async () => (await import("./auth/forgot-password-page")).ForgotPasswordPage],
    ] as const
  ).map(([path, page]) => ({
    path,
    lazy: async () => ({ Component: await page() }),
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: PageLoader,
  })),
  {
    path: "/",
    Component: AppLayout,
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: PageLoader,
    children: [
      { index: true, Component: HomeRedirect },
      ...libraryRoutes,
      ...collectionsRoutes,
      ...requestsRoutes,
      ...linksRoutes,
      ...analyticsRoutes,
      {
        path: "account",
        lazy: async () => ({ Component: (await import("./account/account-page")).AccountPage }),
      },
      {
        path: "admin",
        element: <RequireRole roles={["admin"]} />,
        children: [
          { index: true, element: <Navigate to="users" replace /> },
          {
            path: "users",
            lazy: async () => ({ Component: (await import("./admin/users-page")).UsersPage }),
          },
          {
            path: "teams",
            lazy: async () => ({ Component: (await import("./admin/teams-page")).TeamsPage }),
          },
          {
            path: "taxonomy",
            lazy: async () => ({ Component: (await import("./admin/taxonomy-page")).TaxonomyPage }),
          },
          {
            path: "crm",
            lazy: async () => ({ Component: (await import("./admin/crm-page")).CrmPage }),
          },
          {
            path: "scim",
            lazy: async () => ({ Component: (await import("./admin/scim-page")).ScimPage }),
          },
          {
            path: "tokens",
            lazy: async () => ({ Component: (await import("./admin/tokens-page")).TokensPage }),
          },
          {
            path: "audit",
            lazy: async () => ({ Component: (await import("./people/audit-page")).AuditPage }),
          },
          {
            path: "workspace",
            lazy: async () => ({ Component: (await import("./admin/workspace-page")).WorkspacePage }),
          },
        ],
      },
      { path: "*", Component: NotFoundPage },
    ],
  },
];
