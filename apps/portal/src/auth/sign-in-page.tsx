import { Alert, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { homePathFor } from "../shell/navigation";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { ForgotPasswordHint } from "./forgot-password-hint";
import { PublicFrame } from "./public-frame";
import { type SignInState, useSession } from "./session";
import { useSignedIn } from "./use-signed-in";

export function SignInPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const state = (useLocation().state ?? {}) as SignInState;
  const session = useSession();
  const signedIn = useSignedIn();

  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (v.trim() ? null : t("signIn.emailRequired")),
      password: (v) => (v ? null : t("signIn.passwordRequired")),
    },
  });

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: ({ user }) => signedIn(user, state.from),
    }),
  );

  if (session.data && !session.error && !login.isPending) {
    return <Navigate to={state.from ?? homePathFor(session.data.user.role)} replace />;
  }

  return (
    <PublicFrame>
      <PageHeader title={t("signIn.title")} description={t("signIn.intro")} />
      <form noValidate onSubmit={form.onSubmit((values) => login.mutate({ ...values, client: "portal" }))}>
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
          <ForgotPasswordHint />
        </Stack>
      </form>
    </PublicFrame>
  );
}
