import type { Role } from "@pitchside/shared";
import { Navigate, type RouteObject, useLocation } from "react-router";
import { RequireRole } from "../session/require-role";
import { useCurrentUser } from "../session/session";
import type { NavItem } from "../ui/nav-items";
import type { ReportHandle } from "./report-frame";

/** Who reads the marketing reports; the API applies the same rule to every report. */
export const analystRoles: readonly Role[] = ["marketer", "admin"];

/** Reps have only their own usage; marketing lands on the influence home. */
function AnalyticsIndex() {
  const user = useCurrentUser();
  const { search } = useLocation();
  const page = analystRoles.includes(user.role) ? "/analytics/influence" : "/analytics/me";
  return <Navigate to={`${page}${search}`} replace />;
}

/** The analytics pages, each its own chunk (charts load only here). */
export const routes: RouteObject[] = [
  {
    path: "analytics",
    // every page under the report frame: a print button and a printout header naming the report
    lazy: async () => ({ Component: (await import("./report-frame")).ReportFrame }),
    children: [
      {
        path: "me",
        handle: { report: "nav.myUsage" } satisfies ReportHandle,
        lazy: async () => ({ Component: (await import("./my-usage-page")).MyUsagePage }),
      },
      { index: true, Component: AnalyticsIndex },
      {
        element: <RequireRole roles={analystRoles} />,
        children: [
          {
            path: "influence",
            handle: { report: "nav.influence" } satisfies ReportHandle,
            lazy: async () => ({ Component: (await import("./analytics-home-page")).AnalyticsHomePage }),
          },
          {
            path: "usage",
            handle: { report: "nav.usage" } satisfies ReportHandle,
            lazy: async () => ({ Component: (await import("./usage-page")).UsagePage }),
          },
          {
            path: "gaps",
            handle: { report: "nav.gaps" } satisfies ReportHandle,
            lazy: async () => ({ Component: (await import("./gaps-page")).GapsPage }),
          },
          {
            path: "signals",
            handle: { report: "nav.signals" } satisfies ReportHandle,
            lazy: async () => ({ Component: (await import("./field-signals-page")).FieldSignalsPage }),
          },
          {
            path: "summary",
            handle: { report: "nav.summary", period: false } satisfies ReportHandle,
            lazy: async () => ({ Component: (await import("./summary-page")).SummaryPage }),
          },
          {
            path: "assets/:id",
            handle: { report: "nav.influence" } satisfies ReportHandle,
            lazy: async () => ({ Component: (await import("./asset-deals-page")).AssetDealsPage }),
          },
          {
            path: "deals/:id",
            handle: { report: "nav.influence", period: false } satisfies ReportHandle,
            lazy: async () => ({ Component: (await import("./deal-timeline-page")).DealTimelinePage }),
          },
        ],
      },
      {
        element: <RequireRole roles={["admin"]} />,
        children: [
          {
            path: "settings",
            handle: { report: "nav.settings", period: false } satisfies ReportHandle,
            lazy: async () => ({
              Component: (await import("./currency-settings-page")).CurrencySettingsPage,
            }),
          },
        ],
      },
    ],
  },
];

export const navItems: NavItem[] = [
  {
    // the group opens on every analytics page, drill-downs included
    to: "/analytics",
    label: "analytics:nav.analytics",
    roles: analystRoles,
    children: [
      { to: "/analytics/influence", label: "analytics:nav.influence" },
      { to: "/analytics/usage", label: "analytics:nav.usage" },
      { to: "/analytics/gaps", label: "analytics:nav.gaps" },
      { to: "/analytics/signals", label: "analytics:nav.signals" },
      { to: "/analytics/summary", label: "analytics:nav.summary" },
    ],
  },
  { to: "/analytics/settings", label: "analytics:nav.settings", roles: ["admin"] },
  { to: "/analytics/me", label: "analytics:nav.myUsage", roles: ["rep"] },
];
