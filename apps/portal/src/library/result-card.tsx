import { Anchor, Badge, Box, Card, Group, Image, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AssetBadges } from "./asset-badges";
import { useFacetLabel } from "./facet-labels";
import { LanguageVersionLinks } from "./language-versions";
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
        <Thumbnail url={asset.thumbnailUrl} />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" justify="space-between" align="flex-start">
            {/* a hit inside a document opens it at the page that matched */}
            <Anchor
              component={Link}
              to={assetHref(asset.id, page?.number)}
              fw={600}
              id={`asset-${asset.id}`}
              // a title made from a file name ("Q3_pricing_deck_final") breaks anywhere rather than overflow a phone
              style={{ overflowWrap: "anywhere" }}
            >
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
          <LanguageVersionLinks versions={hit.languageVersions} />
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

/**
 * Thumbnails are 400 px wide: slides 16:9, drawn cards 4:3, pages portrait. A 4:3 frame shows each
 * whole, letterboxed on a light ground; smaller on a phone so the title keeps its room.
 */
function Thumbnail({ url }: { url: string | null }) {
  const frame = {
    w: { base: 88, xs: 128 },
    style: {
      aspectRatio: "4 / 3",
      flex: "none",
      border: "1px solid var(--mantine-color-gray-2)",
      borderRadius: "var(--mantine-radius-sm)",
    },
  } as const;
  return url ? (
    <Image src={url} alt="" fit="contain" h="auto" bg="gray.0" loading="lazy" {...frame} />
  ) : (
    <Box bg="gray.1" aria-hidden {...frame} />
  );
}
