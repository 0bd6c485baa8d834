import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { looksLikeEmail } from "@pitchside/shared";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { PageLoader } from "../ui/page-loader";
import { PublicFrame } from "./public-frame";

/** `/forgot-password`: asks for a reset mail; says the same whether or not the account exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const options = useQuery(trpc.passwordReset.options.queryOptions());
  const form = useForm({
    initialValues: { email: "" },
    validate: { email: (v) => (looksLikeEmail(v) ? null : t("admin.users.emailInvalid")) },
  });
  const request = useMutation(trpc.passwordReset.request.mutationOptions());
  const back = (
    <Anchor component={Link} to="/sign-in" size="sm">
      {t("forgotPassword.back")}
    </Anchor>
  );
  return (
    <PublicFrame>
      <PageHeader title={t("forgotPassword.title")} />
      {!options.data ? (
        <PageLoader />
      ) : !options.data.byMail ? (
        <Stack>
          <Text>{t("forgotPassword.askAdmin")}</Text>
          {back}
        </Stack>
      ) : request.isSuccess ? (
        <Stack>
          <Alert color="green" variant="light" role="status">
            {t("forgotPassword.sent", { email: request.variables.email })}
          </Alert>
          {back}
        </Stack>
      ) : (
        <form noValidate onSubmit={form.onSubmit((v) => request.mutate({ email: v.email.trim() }))}>
          <Stack>
            <Text size="sm">{t("forgotPassword.intro")}</Text>
            {request.error && <ErrorAlert title={t("forgotPassword.failed")} error={request.error} />}
            <TextInput
              label={t("forgotPassword.email")}
              type="email"
              autoComplete="username"
              required
              data-autofocus
              {...form.getInputProps("email")}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t("forgotPassword.submit")}
            </Button>
            {back}
          </Stack>
        </form>
      )}
    </PublicFrame>
  );
}
