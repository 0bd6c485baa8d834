import { Anchor, AppShell, Burger, Group, Loader, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useNavigation } from "react-router";
import { NotificationBell } from "../links/notification-bell";
import { LanguageSwitch } from "../session/language-switch";
import { RequireAuth } from "../session/require-auth";
import { MainNav } from "./main-nav";
import { UserMenu } from "./user-menu";

/** The signed-in frame: header, role-dependent navbar, and the page. */
export function AppLayout() {
  return (
    <RequireAuth>
      <AppFrame />
    </RequireAuth>
  );
}

function AppFrame() {
  const { t } = useTranslation();
  const [navOpened, nav] = useDisclosure(false);
  const navigating = useNavigation().state === "loading";
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <Anchor href="#main" className="skip-link">
        {t("shell.skipToContent")}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("shell.toggleNav")}
            />
            <Text component={Link} to="/" fw={700} size="lg" c="indigo.7" td="none">
              Pitchside
            </Text>
            {navigating && <Loader size="xs" aria-label={t("common.loading")} />}
          </Group>
          <Group gap="md" wrap="nowrap">
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("shell.navLabel")}>
        <MainNav onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
