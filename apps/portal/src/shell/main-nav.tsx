import { NavLink, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useCurrentUser } from "../session/session";
import type { AllNamespaces } from "../ui/nav-items";
import { navItemsFor } from "./navigation";

const isUnder = (pathname: string, to: string) => pathname === to || pathname.startsWith(`${to}/`);

/** The item for this page: the longest link the path is under ("/library/find" is not also "/library"). */
function activeLink(pathname: string, links: readonly string[]): string | undefined {
  return links.filter((to) => isUnder(pathname, to)).sort((a, b) => b.length - a.length)[0];
}

const namespaces: AllNamespaces = ["translation"];

export function MainNav({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation(namespaces);
  const { pathname } = useLocation();
  const user = useCurrentUser();
  const items = navItemsFor(user.role);
  const active = activeLink(
    pathname,
    items.flatMap((item) => [item.to, ...(item.children ?? []).map((child) => child.to)]),
  );
  return (
    <Stack gap={2}>
      {items.map((item) => {
        const at = item.children ? isUnder(pathname, item.to) : active === item.to;
        if (!item.children) {
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.label)}
              active={at}
              aria-current={at ? "page" : undefined}
              onClick={onNavigate}
            />
          );
        }
        return (
          <NavLink key={item.to} label={t(item.label)} defaultOpened={at} childrenOffset="md">
            {item.children.map((child) => {
              const childAt = active === child.to;
              return (
                <NavLink
                  key={child.to}
                  component={Link}
                  to={child.to}
                  label={t(child.label)}
                  active={childAt}
                  aria-current={childAt ? "page" : undefined}
                  onClick={onNavigate}
                />
              );
            })}
          </NavLink>
        );
      })}
    </Stack>
  );
}
