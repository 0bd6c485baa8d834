import { SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { SessionList } from "../people/session-list";
import { LanguageSwitch } from "../session/language-switch";
import { useCurrentUser } from "../session/session";
import { TokenList } from "../tokens/token-list";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { AccountCard } from "./account-card";
import { ChangePasswordForm } from "./change-password-form";

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={1040}>
      <PageHeader title={t("account.title")} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Profile />
        <AccountCard id="account-language" title={t("account.language")} help={t("account.languageHelp")}>
          <LanguageSwitch />
        </AccountCard>
      </SimpleGrid>
      <ChangePasswordForm />
      <SessionsAndTokens />
    </Stack>
  );
}

/** Where I am signed in: portal sessions, then extension tokens, each to end. */
function SessionsAndTokens() {
  const { t } = useTranslation();
  const { t: people } = useTranslation("people");
  return (
    <section aria-labelledby="account-sessions" id="sessions">
      <Title order={2} size="h4" id="account-sessions" mb={4}>
        {people("sessions.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {people("sessions.help")}
      </Text>
      <SessionList />
      <Title order={3} size="h5" mt="lg" mb={4}>
        {t("account.tokens")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("account.tokensHelp")}
      </Text>
      <TokenList all={false} />
    </section>
  );
}

function Profile() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const teams = useQuery({ ...trpc.users.teams.queryOptions(), enabled: !!user.teamId });
  const team = user.teamId
    ? (teams.data?.find((row) => row.id === user.teamId)?.name ?? (teams.isError ? "—" : "…"))
    : t("account.noTeam");
  const rows: [string, string][] = [
    [t("account.name"), user.name],
    [t("account.email"), user.email],
    [t("account.role"), t(`roles.${user.role}`)],
    [t("account.team"), team],
  ];
  return (
    <AccountCard id="account-profile" title={t("account.profile")}>
      <dl style={{ margin: 0, display: "grid", gridTemplateColumns: "max-content 1fr", gap: "6px 16px" }}>
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: "contents" }}>
            <Text component="dt" size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0}>
              {value}
            </Text>
          </div>
        ))}
      </dl>
    </AccountCard>
  );
}
