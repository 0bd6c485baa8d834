import { Badge, Button, Code, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { useCrmStatus } from "./crm-webhook-status";
import { DealsCsvImport } from "./deals-csv-import";

export function CrmPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={1040}>
      <PageHeader title={t("admin.crm.title")} description={t("admin.crm.intro")} />
      <WebhookSection />
      <Paper withBorder p="md" component="section" aria-labelledby="crm-import">
        <Title order={2} size="h4" id="crm-import" mb={4}>
          {t("admin.crm.importTitle")}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t("admin.crm.importHelp")}
        </Text>
        <DealsCsvImport />
      </Paper>
    </Stack>
  );
}

function curlExample(url: string) {
  return [
    `BODY='{"externalId":"opp-1001","updatedAt":"'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'","name":"Acme renewal","stage":"proposal","amount":12000,"currency":"USD"}'`,
    "TS=$(date +%s)",
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$CRM_WEBHOOK_SECRET" | sed 's/^.* //')`,
    `curl -X POST '${url}' \\`,
    "  -H 'Content-Type: application/json' \\",
    `  -H "X-Pitchside-Timestamp: $TS" \\`,
    `  -H "X-Pitchside-Signature: sha256=$SIG" \\`,
    `  --data "$BODY"`,
  ].join("\n");
}

function WebhookSection() {
  const { t } = useTranslation();
  const status = useCrmStatus();
  const url = status.data?.webhookUrl ?? "";
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="crm-webhook">
      <Title order={2} size="h4" id="crm-webhook" mb={4}>
        {t("admin.crm.webhookTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("admin.crm.webhookHelp")}
      </Text>
      <Stack gap="md">
        <Group align="flex-end" wrap="nowrap">
          <TextInput label={t("admin.crm.webhookUrl")} value={url} readOnly style={{ flex: 1 }} />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy} color={copied ? "teal" : undefined}>
                {copied ? t("admin.crm.copied") : t("admin.crm.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t("admin.crm.secret")}
          </Text>
          <QueryState query={status} what={t("admin.crm.secretWhat")}>
            {({ configured }) =>
              configured ? (
                <Group gap="xs">
                  <Badge color="green" variant="light" tt="none">
                    {t("admin.crm.secretSet")}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {t("admin.crm.secretSetHelp")}
                  </Text>
                </Group>
              ) : (
                <Group gap="xs">
                  <Badge color="yellow" variant="light" tt="none">
                    {t("admin.crm.secretMissing")}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {t("admin.crm.secretMissingHelp")}
                  </Text>
                </Group>
              )
            }
          </QueryState>
        </div>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t("admin.crm.example")}
          </Text>
          <Code block aria-label={t("admin.crm.example")}>
            {curlExample(url)}
          </Code>
        </div>
      </Stack>
    </Paper>
  );
}
