import type { RouteObject } from "react-router";
import { everyone, type NavItem } from "../ui/nav-items";

export const routes: RouteObject[] = [
  { path: "requests", lazy: async () => ({ Component: (await import("./requests-page")).RequestsPage }) },
];

export const navItems: NavItem[] = [{ to: "/requests", label: "requests:nav", roles: everyone }];
