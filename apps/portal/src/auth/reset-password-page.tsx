import { Button, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
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

/** `/reset-password#<token>`: a new password from a mailed or copied link; then signed in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const token = useLinkToken();
  const lookup = useQuery({
    ...trpc.passwordReset.lookup.queryOptions({ token: token ?? "" }),
    enabled: token !== null,
    retry: false,
  });
  return (
    <PublicFrame>
      {token === null || lookup.error ? (
        <UnusableLink title={t("resetPassword.title")} error={lookup.error ?? undefined} />
      ) : !lookup.data ? (
        <PageLoader />
      ) : (
        <ResetForm token={token} email={lookup.data.email} />
      )}
    </PublicFrame>
  );
}

function ResetForm(props: { token: string; email: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const signedIn = useSignedIn();
  const fieldErrors = useFieldErrors();
  const form = useForm({ initialValues: { password: "", confirm: "" }, validate: newPasswordRules(t) });
  const complete = useMutation(
    trpc.passwordReset.complete.mutationOptions({
      onSuccess: ({ user }) => signedIn(user),
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );
  return (
    <>
      <PageHeader
        title={t("resetPassword.title")}
        description={t("resetPassword.intro", { email: props.email })}
      />
      <form
        noValidate
        onSubmit={form.onSubmit((v) => complete.mutate({ token: props.token, password: v.password }))}
      >
        <Stack>
          {complete.error && !hasFieldErrors(complete.error) && (
            <ErrorAlert title={t("resetPassword.failed")} error={complete.error} />
          )}
          <NewPasswordFields form={form} />
          <Button type="submit" loading={complete.isPending} fullWidth>
            {t("resetPassword.submit")}
          </Button>
        </Stack>
      </form>
    </>
  );
}
