import { Alert, Button, Group, Paper, Radio, SimpleGrid, Stack, Switch, Text, Title } from "@mantine/core";
import { type AssetType, type Audience, assetTypes, audiences } from "@pitchside/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../api-types";
import { useFacetLabel } from "../library/facet-labels";
import { useWorkspaceSettings } from "../library/use-workspace";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";

type WorkspaceSettings = RouterOutputs["admin"]["workspace"];

/** Content rules for everyone: review of new versions, and the audience each asset type starts with. */
export function WorkspacePage() {
  const { t } = useTranslation();
  const settings = useWorkspaceSettings();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t("admin.workspace.title")} description={t("admin.workspace.intro")} />
      <QueryState query={settings} what={t("admin.workspace.what")}>
        {(initial) => <WorkspaceForm initial={initial} />}
      </QueryState>
      <SsoSection />
    </Stack>
  );
}

function WorkspaceForm({ initial }: { initial: WorkspaceSettings }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const typeLabel = useFacetLabel();
  const [reviewNewVersions, setReview] = useState(initial.reviewNewVersions);
  const [audienceByType, setAudiences] = useState(initial.audienceByType);
  const [dirty, setDirty] = useState(false);
  const save = useMutation(
    trpc.admin.updateWorkspace.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.admin.workspace.queryKey(), saved);
        setDirty(false);
      },
    }),
  );
  const setAudience = (type: AssetType, audience: Audience) => {
    setAudiences((current) => ({ ...current, [type]: audience }));
    setDirty(true);
  };
  return (
    <Stack
      component="form"
      gap="lg"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ reviewNewVersions, audienceByType });
      }}
    >
      <Paper withBorder p="md" component="section" aria-labelledby="workspace-review">
        <Title order={2} size="h4" id="workspace-review" mb="sm">
          {t("admin.workspace.reviewTitle")}
        </Title>
        <Switch
          label={t("admin.workspace.review")}
          description={t("admin.workspace.reviewHelp")}
          checked={reviewNewVersions}
          onChange={(e) => {
            setReview(e.currentTarget.checked);
            setDirty(true);
          }}
        />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="workspace-audience">
        <Title order={2} size="h4" id="workspace-audience" mb={4}>
          {t("admin.workspace.audienceTitle")}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t("admin.workspace.audienceHelp")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
          {assetTypes.map((type) => (
            <Radio.Group
              key={type}
              label={typeLabel("type", type)}
              value={audienceByType[type]}
              onChange={(v) => {
                if (v === "external" || v === "internal") setAudience(type, v);
              }}
            >
              <Group gap="lg" mt={4}>
                {audiences.map((audience) => (
                  <Radio key={audience} value={audience} label={t(`admin.workspace.${audience}`)} />
                ))}
              </Group>
            </Radio.Group>
          ))}
        </SimpleGrid>
      </Paper>
      {save.isError && <ErrorAlert title={t("admin.workspace.saveFailed")} error={save.error} />}
      <Group justify="flex-end">
        {save.isSuccess && !dirty && (
          <Text size="sm" c="teal" role="status">
            {t("admin.workspace.saved")}
          </Text>
        )}
        <Button type="submit" loading={save.isPending}>
          {t("admin.workspace.save")}
        </Button>
      </Group>
    </Stack>
  );
}

/** "SSO required": saved as soon as it is switched, apart from the content rules' form. */
function SsoSection() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sso = useQuery(trpc.admin.sso.queryOptions());
  const save = useMutation(
    trpc.admin.updateSso.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.admin.sso.queryKey(), (old) => (old ? { ...old, ...saved } : old));
        void queryClient.invalidateQueries({ queryKey: trpc.auth.methods.queryKey() });
      },
    }),
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="workspace-sso">
      <Title order={2} size="h4" id="workspace-sso" mb="sm">
        {t("admin.workspace.ssoTitle")}
      </Title>
      <QueryState query={sso} what={t("admin.workspace.ssoWhat")}>
        {(settings) => (
          <Stack gap="sm">
            {!settings.configured && (
              <Alert color="gray" variant="light">
                {t("admin.workspace.ssoNotConfigured")}
              </Alert>
            )}
            <Switch
              label={t("admin.workspace.ssoRequired")}
              description={t("admin.workspace.ssoRequiredHelp", {
                emails: settings.breakGlassEmails.join(", ") || t("admin.workspace.ssoNoBreakGlass"),
              })}
              checked={settings.ssoRequired}
              disabled={(!settings.configured && !settings.ssoRequired) || save.isPending}
              onChange={(e) => save.mutate({ ssoRequired: e.currentTarget.checked })}
            />
            {save.isError && <ErrorAlert title={t("admin.workspace.saveFailed")} error={save.error} />}
            {save.isSuccess && (
              <Text size="sm" c="teal" role="status">
                {t("admin.workspace.ssoSaved")}
              </Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
