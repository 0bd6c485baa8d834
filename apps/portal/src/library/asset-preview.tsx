import { Anchor, Center, Image, Loader, Paper, Stack, Text } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { PageLoader } from "../ui/page-loader";
import { QueryState } from "../ui/query-state";
import { useFileText } from "./file-text";
import type { AssetDetail } from "./library-types";
import { previewKind } from "./preview-kind";
import { RenditionState } from "./processing-state";

const PdfPreview = lazy(async () => ({ default: (await import("./pdf-preview")).PdfPreview }));
const MarkdownView = lazy(async () => ({ default: (await import("./markdown-view")).MarkdownView }));

function MarkdownFile({ versionId }: { versionId: string }) {
  const { t } = useTranslation("library");
  const text = useFileText(versionId);
  return (
    <QueryState query={text} what={t("preview.what")}>
      {(source) => <MarkdownView source={source} />}
    </QueryState>
  );
}

/**
 * The asset in the page: its PDF rendition's pages (PDFs and Office files alike), an image, a
 * video, rendered Markdown, or where a link goes; otherwise its card, and for curators why there
 * are no pages.
 */
export function AssetPreview({
  asset,
  curator,
  initialPage,
}: {
  asset: AssetDetail;
  curator: boolean;
  /** The page to open at (a search hit's), for documents with pages. */
  initialPage: number | null;
}) {
  const { t } = useTranslation("library");
  const version = asset.versions.find((v) => v.id === asset.currentVersionId);
  const kind = previewKind(asset, version);
  const file = version ? `/api/files/${version.id}?inline=1` : "";
  if (kind === "preparing") {
    return <PreviewNote text={t("preview.preparing")} action={<Loader size="sm" aria-hidden />} />;
  }
  if (version?.processingState === "pending" && kind !== "image" && kind !== "video") {
    return <PreviewNote text={t("preview.processing")} />;
  }
  return (
    <Suspense fallback={<PageLoader />}>
      {kind === "pages" && version?.renditionUrl && (
        <PdfPreview
          url={version.renditionUrl}
          pages={asset.pages}
          initialPage={initialPage}
          unit={version.pageUnit}
        />
      )}
      {kind === "image" && <Image src={file} alt={asset.title} fit="contain" mah={720} />}
      {kind === "video" && (
        // biome-ignore lint/a11y/useMediaCaption: uploaded marketing videos come without caption tracks
        <video src={file} controls preload="metadata" style={{ width: "100%", maxHeight: 540 }} />
      )}
      {kind === "markdown" && version && (
        <Paper withBorder p="lg">
          <MarkdownFile versionId={version.id} />
        </Paper>
      )}
      {kind === "link" && asset.url && (
        <PreviewNote
          text={t("preview.link")}
          action={
            <Anchor href={asset.url} target="_blank" rel="noopener noreferrer">
              {asset.url}
            </Anchor>
          }
        />
      )}
      {kind === "none" && (
        <Stack gap="sm">
          {asset.thumbnailUrl ? (
            <Image src={asset.thumbnailUrl} alt={asset.title} fit="contain" mah={480} />
          ) : (
            <PreviewNote text={t("preview.none")} />
          )}
          {curator && version && <RenditionState version={version} />}
        </Stack>
      )}
    </Suspense>
  );
}

function PreviewNote({ text, action }: { text: string; action?: React.ReactNode }) {
  return (
    <Paper withBorder p="xl" bg="gray.0">
      <Center>
        <Stack gap="xs" align="center">
          <Text c="dimmed">{text}</Text>
          {action}
        </Stack>
      </Center>
    </Paper>
  );
}
