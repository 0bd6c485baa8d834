import type { RouteObject } from "react-router";
import { everyone, type NavItem } from "../ui/nav-items";

/** The rep's follow-up: their links and deal rooms, and a deal room's own page. */
export const routes: RouteObject[] = [
  {
    path: "links",
    children: [
      { index: true, lazy: async () => ({ Component: (await import("./my-links-page")).MyLinksPage }) },
      {
        path: "rooms/:id",
        lazy: async () => ({ Component: (await import("./room-page")).RoomPage }),
      },
    ],
  },
];

export const navItems: NavItem[] = [{ to: "/links", label: "links:nav", roles: everyone }];
