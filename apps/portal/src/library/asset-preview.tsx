import { Anchor, Center, Image, Paper, Stack, Text } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { PageLoader } from "../ui/page-loader";
import { QueryState } from "../ui/query-state";
import { useFileText } from "./file-text";
import type { AssetDetail } from "./library-types";

const PdfPreview = lazy(async () => ({ default: (await import("./pdf-preview")).PdfPreview }));
const MarkdownView = lazy(async () => ({ default: (await import("./markdown-view")).MarkdownView }));

export type PreviewKind = "pdf" | "image" | "video" | "markdown" | "link" | "none";

export function previewKind(
  asset: Pick<AssetDetail, "source" | "url">,
  mimeType: string | null,
): PreviewKind {
  if (asset.source === "link" && asset.url) return "link";
  if (!mimeType) return "none";
  if (mimeType === "application/pdf") return "pdf";
  if (mimeType.startsWith("image/")) return "image";
  if (mimeType.startsWith("video/")) return "video";
  if (mimeType === "text/markdown" || asset.source === "markdown") return "markdown";
  return "none";
}

function MarkdownFile({ versionId }: { versionId: string }) {
  const { t } = useTranslation("library");
  const text = useFileText(versionId);
  return (
    <QueryState query={text} what={t("preview.what")}>
      {(source) => <MarkdownView source={source} />}
    </QueryState>
  );
}

/** The asset in the page: PDF pages, an image, a video, rendered Markdown, or where a link goes. */
export function AssetPreview({ asset }: { asset: AssetDetail }) {
  const { t } = useTranslation("library");
  const version = asset.versions.find((v) => v.id === asset.currentVersionId);
  const kind = previewKind(asset, version?.mimeType ?? null);
  const file = version ? `/api/files/${version.id}?inline=1` : "";
  if (version?.processingState === "pending" && kind !== "image" && kind !== "video") {
    return <PreviewNote text={t("preview.processing")} />;
  }
  return (
    <Suspense fallback={<PageLoader />}>
      {kind === "pdf" && <PdfPreview url={file} />}
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
      {kind === "none" &&
        (asset.thumbnailUrl ? (
          <Image src={asset.thumbnailUrl} alt={asset.title} fit="contain" mah={480} />
        ) : (
          <PreviewNote text={t("preview.none")} />
        ))}
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
