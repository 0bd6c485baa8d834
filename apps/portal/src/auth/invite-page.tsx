import { Alert, Anchor, Button, Divider, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { hasFieldErrors } from "../api-errors";
import { useTRPC } from "../trpc";
import { ErrorAlert, useFieldErrors } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { PageLoader } from "../ui/page-loader";
import { useLinkToken } from "./link-token";
import { NewPasswordFields, newPasswordRules } from "./new-password-fields";
import { PublicFrame } from "./public-frame";
import { UnusableLink } from "./unusable-link";
import { useSignedIn } from "./use-signed-in";

/** `/invite#<token>`: the invitee chooses a name and a password, and is signed in. */
export function InvitePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const token = useLinkToken();
  const lookup = useQuery({
    ...trpc.invitations.lookup.queryOptions({ token: token ?? "" }),
    enabled: token !== null,
    retry: false,
  });
  return (
    <PublicFrame>
      {token === null || lookup.error ? (
        <UnusableLink title={t("invite.title")} error={lookup.error ?? undefined} />
      ) : !lookup.data ? (
        <PageLoader />
      ) : lookup.data.accountExists ? (
        <Stack>
          <PageHeader title={t("invite.title")} />
          <Alert color="yellow" variant="light">
            {t("invite.accountExists", { email: lookup.data.email })}
          </Alert>
          <Anchor component={Link} to="/sign-in" size="sm">
            {t("accountLink.toSignIn")}
          </Anchor>
        </Stack>
      ) : (
        <AcceptForm token={token} invitation={lookup.data} />
      )}
    </PublicFrame>
  );
}

function AcceptForm(props: {
  token: string;
  invitation: { email: string; role: "admin" | "marketer" | "rep"; teamName: string | null };
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const signedIn = useSignedIn();
  const fieldErrors = useFieldErrors();
  const form = useForm({
    initialValues: { name: "", password: "", confirm: "" },
    validate: {
      name: (v) => (v.trim() ? null : t("invite.nameRequired")),
      ...newPasswordRules(t),
    },
  });
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: ({ user }) => signedIn(user),
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );
  const methods = useQuery(trpc.auth.methods.queryOptions());
  const { email, role, teamName } = props.invitation;
  const roleName = t(`roles.${role}`);
  return (
    <>
      <PageHeader
        title={t("invite.title")}
        description={
          teamName
            ? t("invite.introTeam", { email, role: roleName, team: teamName })
            : t("invite.intro", { email, role: roleName })
        }
      />
      {methods.data?.sso && (
        <>
          <Button component="a" href="/api/auth/oidc/start?return=%2F" fullWidth variant="light">
            {t("signIn.sso")}
          </Button>
          <Text size="sm" c="dimmed" mt="xs">
            {t("invite.ssoHelp", { email })}
          </Text>
          <Divider my="md" label={t("signIn.or")} labelPosition="center" />
        </>
      )}
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          accept.mutate({ token: props.token, name: v.name.trim(), password: v.password }),
        )}
      >
        <Stack>
          {accept.error && !hasFieldErrors(accept.error) && (
            <ErrorAlert title={t("invite.failed")} error={accept.error} />
          )}
          <TextInput
            label={t("invite.name")}
            autoComplete="name"
            required
            data-autofocus
            {...form.getInputProps("name")}
          />
          <NewPasswordFields form={form} />
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t("invite.submit")}
          </Button>
        </Stack>
      </form>
    </>
  );
}
