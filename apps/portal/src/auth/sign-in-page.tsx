import { Alert, Anchor, Button, Divider, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { asSsoFailure } from "@pitchside/shared";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useSearchParams } from "react-router";
import { type SignInState, useSession } from "../session/session";
import { homePathFor } from "../shell/navigation";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { ForgotPasswordHint } from "./forgot-password-hint";
import { PublicFrame } from "./public-frame";
import { useSignedIn } from "./use-signed-in";

export function SignInPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const state = (useLocation().state ?? {}) as SignInState;
  const session = useSession();
  const signedIn = useSignedIn();
  const methods = useQuery(trpc.auth.methods.queryOptions());
  const [searchParams] = useSearchParams();
  const ssoError = searchParams.get("sso_error");
  // with SSO required the form is for the break-glass admins only, one click away
  const [breakGlass, setBreakGlass] = useState(false);
  const sso = methods.data?.sso === true;
  const passwordShown = methods.data?.password !== false || breakGlass;

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
      <PageHeader
        title={t("signIn.title")}
        description={methods.data?.password === false ? t("signIn.ssoOnly") : t("signIn.intro")}
      />
      {ssoError && (
        <Alert color="red" variant="light" title={t("signIn.ssoFailed")} role="alert" mb="md">
          {t(`signIn.ssoErrors.${asSsoFailure(ssoError)}`)}
        </Alert>
      )}
      {state.expired && !login.error && (
        <Alert color="yellow" variant="light" mb="md">
          {t("signIn.expired")}
        </Alert>
      )}
      {sso && (
        <Button
          component="a"
          href={`/api/auth/oidc/start?return=${encodeURIComponent(state.from ?? "/")}`}
          fullWidth
          variant={passwordShown ? "light" : "filled"}
        >
          {t("signIn.sso")}
        </Button>
      )}
      {sso && passwordShown && <Divider my="md" label={t("signIn.or")} labelPosition="center" />}
      {!passwordShown && (
        <Anchor component="button" type="button" size="sm" mt="md" onClick={() => setBreakGlass(true)}>
          {t("signIn.breakGlass")}
        </Anchor>
      )}
      <form
        noValidate
        hidden={!passwordShown}
        onSubmit={form.onSubmit((values) => login.mutate({ ...values, client: "portal" }))}
      >
        <Stack>
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
