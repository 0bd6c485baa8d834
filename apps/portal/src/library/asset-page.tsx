import { Badge, Button, Grid, Group, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { canCurate } from "../session/roles";
import { useCurrentUser } from "../session/session";
import { ShareAction } from "../sharing/share-action";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { AssetBadges } from "./asset-badges";
import { AssetMetadata } from "./asset-metadata";
import { AssetPreview } from "./asset-preview";
import { AssetUsage } from "./asset-usage";
import { FeedbackPanel } from "./feedback-panel";
import { LanguageVersionsPanel } from "./language-versions";
import type { AssetDetail, AssetVersion } from "./library-types";
import { pageParam } from "./page-links";
import { PendingReview } from "./pending-review";
import { ProcessingState } from "./processing-state";
import { SectionCard } from "./section-card";
import { VersionsList } from "./versions-list";
import { WorkflowPanel } from "./workflow-panel";

const PROCESSING_POLL_MS = 2000;

/** Text still being read, or pages still being made: the page checks back until they are done. */
const inTheWorks = (v: AssetVersion) => v.processingState === "pending" || v.renditionState === "pending";

export function AssetPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const asset = useQuery({
    ...trpc.assets.get.queryOptions({ id }),
    // while the file is processed the page checks back, so the preview appears without a reload
    refetchInterval: (q) => (q.state.data?.versions.some(inTheWorks) ? PROCESSING_POLL_MS : false),
  });
  const [params] = useSearchParams();
  return (
    <QueryState query={asset} what={t("asset.what")}>
      {(data) => <AssetView asset={data} initialPage={pageParam(params)} />}
    </QueryState>
  );
}

function AssetView({ asset, initialPage }: { asset: AssetDetail; initialPage: number | null }) {
  const { t } = useTranslation("library");
  const user = useCurrentUser();
  const curator = canCurate(user.role);
  const current = asset.versions.find((v) => v.id === asset.currentVersionId);
  return (
    <>
      <PageHeader
        title={asset.title}
        actions={
          <Group gap="xs" wrap="nowrap" align="flex-start">
            {curator && (
              <Button component={Link} to={`/library/assets/${asset.id}/edit`} variant="default">
                {t("asset.edit")}
              </Button>
            )}
            <ShareAction asset={{ ...asset, versionNumber: current?.number ?? null }} />
          </Group>
        }
      />
      <Stack gap="md" mb="md">
        <Group gap="xs">
          {asset.pendingVersionId && (
            <Badge color="yellow" variant="light" tt="none">
              {t("versions.awaitingReview")}
            </Badge>
          )}
          <AssetBadges
            type={asset.type}
            language={asset.language}
            stages={asset.stages}
            personas={asset.personas}
          />
        </Group>
        {curator && <PendingReview asset={asset} />}
        {current && <ProcessingState version={current} canRetry={curator} />}
      </Stack>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <AssetPreview asset={asset} curator={curator} initialPage={initialPage} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <SectionCard title={t("asset.details")}>
              <AssetMetadata asset={asset} />
            </SectionCard>
            {curator && (
              <SectionCard title={t("workflow.title")}>
                <WorkflowPanel asset={asset} />
              </SectionCard>
            )}
            {(curator || asset.languageVersions.length > 0) && (
              <SectionCard title={t("languageVersions.title")}>
                <LanguageVersionsPanel asset={asset} curator={curator} />
              </SectionCard>
            )}
            {asset.versions.length > 0 && (
              <SectionCard title={t("versions.title")}>
                <VersionsList asset={asset} curator={curator} />
              </SectionCard>
            )}
            {curator && (
              <SectionCard title={t("usage.title")}>
                <AssetUsage assetId={asset.id} />
              </SectionCard>
            )}
            <SectionCard title={t("feedback.title")}>
              <FeedbackPanel assetId={asset.id} />
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
