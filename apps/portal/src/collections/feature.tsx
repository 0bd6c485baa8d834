import type { RouteObject } from "react-router";
import { everyone, type NavItem } from "../ui/nav-items";

export const routes: RouteObject[] = [
  {
    path: "collections",
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import("./collections-page")).CollectionsPage }),
      },
      {
        path: ":id",
        lazy: async () => ({ Component: (await import("./collection-page")).CollectionPage }),
      },
    ],
  },
];

export const navItems: NavItem[] = [{ to: "/collections", label: "collections:nav", roles: everyone }];
