import {
  Alert,
  Box,
  Button,
  Container,
  Group,
  Paper,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { isLanguage } from "../i18n/language";
import { useLanguage } from "../i18n/use-language";
import { LanguageSwitch } from "../shell/language-switch";
import { homePathFor } from "../shell/navigation";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { type SignInState, useSession } from "./session";

export function SignInPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as SignInState;
  const session = useSession();
  const { setLanguage } = useLanguage();

  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (v.trim() ? null : t("signIn.emailRequired")),
      password: (v) => (v ? null : t("signIn.passwordRequired")),
    },
  });

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async ({ user }) => {
        queryClient.clear(); // nothing from a previous user survives
        queryClient.setQueryData(trpc.auth.me.queryKey(), { user, via: "session" as const });
        if (isLanguage(user.locale)) await setLanguage(user.locale);
        await navigate(state.from ?? homePathFor(user.role), { replace: true });
      },
    }),
  );

  if (session.data && !session.error && !login.isPending) {
    return <Navigate to={state.from ?? homePathFor(session.data.user.role)} replace />;
  }

  return (
    <Box mih="100vh" bg="gray.0" py={64}>
      <Container size={420}>
        <Group justify="space-between" mb="lg">
          <Title order={2} component="p" c="indigo.7">
            Pitchside
          </Title>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" component="main">
          <PageHeader title={t("signIn.title")} description={t("signIn.intro")} />
          <form
            noValidate
            onSubmit={form.onSubmit((values) => login.mutate({ ...values, client: "portal" }))}
          >
            <Stack>
              {state.expired && !login.error && (
                <Alert color="yellow" variant="light">
                  {t("signIn.expired")}
                </Alert>
              )}
              {login.error && <ErrorAlert title={t("signIn.failed")} error={login.error} />}
              <TextInput
                label={t("signIn.email")}
                type="email"
                autoComplete="username"
                required
                {...form.getInputProps("email")}
              />
              <PasswordInput
                label={t("signIn.password")}
                autoComplete="current-password"
                required
                {...form.getInputProps("password")}
              />
              <Button type="submit" loading={login.isPending} fullWidth>
                {t("signIn.submit")}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Container>
    </Box>
  );
}
