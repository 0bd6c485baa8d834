import type { RouteObject } from "react-router";
import { RequireRole } from "../session/require-role";
import { curatorRoles } from "../session/roles";
import { everyone, type NavItem } from "../ui/nav-items";

/** The library's pages, each its own chunk (pdf.js only inside the asset page's preview). */
export const routes: RouteObject[] = [
  {
    path: "library",
    children: [
      { index: true, lazy: async () => ({ Component: (await import("./library-page")).LibraryPage }) },
      {
        path: "assets/:id",
        lazy: async () => ({ Component: (await import("./asset-page")).AssetPage }),
      },
      { path: "find", lazy: async () => ({ Component: (await import("./find-page")).FindPage }) },
      {
        element: <RequireRole roles={curatorRoles} />,
        children: [
          {
            path: "upload",
            lazy: async () => ({ Component: (await import("./upload-page")).UploadPage }),
          },
          {
            path: "new/markdown",
            lazy: async () => ({ Component: (await import("./new-markdown-page")).NewMarkdownPage }),
          },
          {
            path: "assets/:id/edit",
            lazy: async () => ({ Component: (await import("./edit-asset-page")).EditAssetPage }),
          },
        ],
      },
    ],
  },
];

export const navItems: NavItem[] = [
  { to: "/library", label: "library:nav.library", roles: everyone },
  { to: "/library/find", label: "library:nav.find", roles: everyone },
  { to: "/library/upload", label: "library:nav.upload", roles: curatorRoles },
];
