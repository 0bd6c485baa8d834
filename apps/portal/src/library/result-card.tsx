import { Anchor, Badge, Card, Group, Image, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AssetBadges } from "./asset-badges";
import { useFacetLabel } from "./facet-labels";
import type { SearchHit } from "./library-types";
import { assetHref, hitPageLabel } from "./page-links";
import { Snippet } from "./snippet";

export function ResultCard({ hit, showStatus }: { hit: SearchHit; showStatus: boolean }) {
  const { t } = useTranslation("library");
  const facetLabel = useFacetLabel();
  const { asset, page } = hit;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`asset-${asset.id}`}>
      <Group align="flex-start" wrap="nowrap" gap="md">
        {asset.thumbnailUrl ? (
          <Image src={asset.thumbnailUrl} alt="" w={96} h={124} fit="cover" radius="sm" loading="lazy" />
        ) : (
          <Card w={96} h={124} bg="gray.1" radius="sm" aria-hidden />
        )}
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            {/* a hit inside a document opens it at the page that matched */}
            <Anchor component={Link} to={assetHref(asset.id, page?.number)} fw={600} id={`asset-${asset.id}`}>
              {asset.title}
            </Anchor>
            <Group gap={6} wrap="nowrap">
              {page && (
                <Badge color="gray" variant="light" tt="none" data-testid="hit-page">
                  {hitPageLabel(t, page)}
                </Badge>
              )}
              {showStatus && asset.status !== "published" && (
                <Badge color="yellow" variant="light">
                  {facetLabel("status", asset.status)}
                </Badge>
              )}
            </Group>
          </Group>
          <AssetBadges
            type={asset.type}
            language={asset.language}
            stages={asset.stages}
            personas={asset.personas}
          />
          {hit.snippet && (
            <Text size="sm" c="dimmed" lineClamp={3}>
              <Snippet html={hit.snippet} />
            </Text>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
