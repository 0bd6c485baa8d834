import type { Role } from "@pitchside/shared";
import { navItems as analyticsNav } from "../analytics/feature";
import { navItems as collectionsNav } from "../collections/feature";
import { navItems as libraryNav } from "../library/feature";
import { navItems as linksNav } from "../links/feature";
import { navItems as requestsNav } from "../requests/feature";
import { everyone, type NavItem } from "../ui/nav-items";

const adminNav: NavItem = {
  to: "/admin",
  label: "nav.admin",
  roles: ["admin"],
  children: [
    { to: "/admin/users", label: "nav.adminUsers" },
    { to: "/admin/teams", label: "nav.adminTeams" },
    { to: "/admin/taxonomy", label: "nav.adminTaxonomy" },
    { to: "/admin/crm", label: "nav.adminCrm" },
    { to: "/admin/scim", label: "nav.adminScim" },
    { to: "/admin/workspace", label: "nav.adminWorkspace" },
    { to: "/admin/tokens", label: "nav.adminTokens" },
    { to: "/admin/audit", label: "people:nav.audit" },
  ],
};

/** The navbar, in order: the features' items, then admin and the account. */
export const navItems: readonly NavItem[] = [
  ...libraryNav,
  ...collectionsNav,
  ...linksNav,
  ...requestsNav,
  ...analyticsNav,
  adminNav,
  { to: "/account", label: "nav.account", roles: everyone },
];

export function navItemsFor(role: Role): NavItem[] {
  return navItems.filter((item) => item.roles.includes(role));
}

/** Where a role lands after sign-in: its first item in the navbar. */
export function homePathFor(role: Role): string {
  const first = navItemsFor(role)[0];
  return first?.children?.[0]?.to ?? first?.to ?? "/account";
}
