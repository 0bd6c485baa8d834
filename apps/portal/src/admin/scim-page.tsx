import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";

/** SCIM provisioning: the base URL an identity provider calls and the bearer token it sends. */
export function ScimPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t("admin.scim.title")} description={t("admin.scim.intro")} />
      <ScimSection />
    </Stack>
  );
}

function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput label={label} value={value} readOnly style={{ flex: 1 }} />
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button variant="light" onClick={copy} color={copied ? "teal" : undefined}>
            {copied ? t("admin.scim.copied") : t("admin.scim.copy")}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function ScimSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.scim.status.queryOptions());
  const [shown, setShown] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<"rotate" | "revoke" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.scim.status.queryKey() });
  const rotate = useMutation(
    trpc.scim.rotateToken.mutationOptions({
      onSuccess: ({ token }) => {
        setShown(token);
        setConfirming(null);
        void refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.scim.revokeToken.mutationOptions({
      onSuccess: () => {
        setShown(null);
        setConfirming(null);
        void refresh();
      },
    }),
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="scim-connection">
      <Title order={2} size="h4" id="scim-connection" mb={4}>
        {t("admin.scim.connectionTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("admin.scim.connectionHelp")}
      </Text>
      <QueryState query={status} what={t("admin.scim.what")}>
        {({ baseUrl, configured, createdAt }) => (
          <Stack gap="md">
            <CopyField label={t("admin.scim.baseUrl")} value={baseUrl} />
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t("admin.scim.token")}
              </Text>
              {configured && createdAt ? (
                <Group gap="xs">
                  <Badge color="green" variant="light" tt="none">
                    {t("admin.scim.tokenSet")}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {t("admin.scim.tokenCreated", { date: format.dateTime(createdAt) })}
                  </Text>
                </Group>
              ) : (
                <Badge color="yellow" variant="light" tt="none">
                  {t("admin.scim.tokenMissing")}
                </Badge>
              )}
            </div>
            {shown && (
              <Alert color="blue" title={t("admin.scim.shownOnce")}>
                <Stack gap="xs">
                  <CopyField label={t("admin.scim.newToken")} value={shown} />
                </Stack>
              </Alert>
            )}
            {rotate.error != null && confirming === null && (
              <ErrorAlert title={t("errors.actionFailed")} error={rotate.error} />
            )}
            <Group>
              <Button
                onClick={() => (configured ? setConfirming("rotate") : rotate.mutate())}
                loading={rotate.isPending && confirming === null}
              >
                {configured ? t("admin.scim.rotate") : t("admin.scim.create")}
              </Button>
              {configured && (
                <Button variant="default" color="red" onClick={() => setConfirming("revoke")}>
                  {t("admin.scim.revoke")}
                </Button>
              )}
            </Group>
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t("admin.scim.providers")}
              </Text>
              <Code block>{t("admin.scim.providersHelp", { baseUrl })}</Code>
            </div>
          </Stack>
        )}
      </QueryState>
      <ConfirmDialog
        opened={confirming === "rotate"}
        title={t("admin.scim.rotateTitle")}
        message={t("admin.scim.rotateMessage")}
        confirmLabel={t("admin.scim.rotate")}
        pending={rotate.isPending}
        error={rotate.error}
        onConfirm={() => rotate.mutate()}
        onCancel={() => setConfirming(null)}
      />
      <ConfirmDialog
        opened={confirming === "revoke"}
        title={t("admin.scim.revokeTitle")}
        message={t("admin.scim.revokeMessage")}
        confirmLabel={t("admin.scim.revoke")}
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate()}
        onCancel={() => setConfirming(null)}
      />
    </Paper>
  );
}
