import { Anchor, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useTRPC } from "../trpc";

/** Under the sign-in form: "Forgot password?" when mail can go out, else who to ask. */
export function ForgotPasswordHint() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const options = useQuery({
    ...trpc.passwordReset.options.queryOptions(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!options.data) return null;
  return options.data.byMail ? (
    <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
      {t("signIn.forgot")}
    </Anchor>
  ) : (
    <Text size="sm" c="dimmed" ta="center">
      {t("signIn.askAdmin")}
    </Text>
  );
}
