import { Anchor, Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useTRPC } from "../trpc";
import { AssetPicker } from "../ui/asset-picker";
import { ErrorAlert } from "../ui/error-alert";
import { useFacetLabel } from "./facet-labels";
import type { AssetDetail } from "./library-types";

interface LanguageVersion {
  id: string;
  title: string;
  language: string;
}

/** "Also in 日本語" links on a result card: the same content in the other language, not a card of its own. */
export function LanguageVersionLinks({ versions }: { versions: readonly LanguageVersion[] }) {
  const { t } = useTranslation("library");
  if (versions.length === 0) return null;
  return (
    <Group gap="sm">
      {versions.map((v) => (
        <Anchor key={v.id} component={Link} to={`/library/assets/${v.id}`} size="sm" title={v.title}>
          {t("languageVersions.alsoIn", {
            language: t(`languageVersions.names.${v.language}` as "languageVersions.names.en", {
              defaultValue: v.language,
            }),
          })}
        </Anchor>
      ))}
    </Group>
  );
}

/** The asset page's "Language versions": the linked translations, and for curators linking and unlinking. */
export function LanguageVersionsPanel({ asset, curator }: { asset: AssetDetail; curator: boolean }) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const facetLabel = useFacetLabel();
  const queryClient = useQueryClient();
  // the other side of a link changes too: every asset page and search list shown
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.assets.get.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.search.query.pathKey() }),
    ]);
  const link = useMutation(trpc.assets.linkLanguageVersion.mutationOptions({ onSuccess: refresh }));
  const unlink = useMutation(trpc.assets.unlinkLanguageVersion.mutationOptions({ onSuccess: refresh }));
  const failed = link.error ?? unlink.error;
  return (
    <Stack gap="sm">
      {asset.languageVersions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("languageVersions.none")}
        </Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {asset.languageVersions.map((v) => (
            <Group key={v.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <Badge variant="outline" color="gray">
                  {facetLabel("language", v.language)}
                </Badge>
                <Anchor component={Link} to={`/library/assets/${v.id}`} size="sm" truncate>
                  {v.title}
                </Anchor>
              </Group>
              {curator && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t("languageVersions.unlink", { title: v.title })}
                  loading={unlink.isPending && unlink.variables?.id === v.id}
                  onClick={() => unlink.mutate({ id: v.id })}
                >
                  {t("languageVersions.unlinkButton")}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {failed && <ErrorAlert title={t("languageVersions.failed")} error={failed} />}
      {curator && (
        <Text size="xs" c="dimmed">
          {t("languageVersions.linkHelp")}
        </Text>
      )}
      {curator && (
        <AssetPicker
          label={t("languageVersions.link")}
          pickText={t("languageVersions.pick")}
          pickLabel={(title) => t("languageVersions.pickLabel", { title })}
          exclude={[asset.id, ...asset.languageVersions.map((v) => v.id)]}
          onPick={(picked) => link.mutate({ id: picked.id, of: asset.id })}
        />
      )}
    </Stack>
  );
}
