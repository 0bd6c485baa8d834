import { Anchor, Badge, Group, Stack, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import type { AssetDetail, AssetVersion } from "./library-types";
import { mimeEssence } from "./preview-kind";

const sizeUnits = ["B", "KB", "MB", "GB"];
function fileSize(bytes: number, number: (n: number) => string) {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < sizeUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${number(Math.round(value * 10) / 10)} ${sizeUnits[unit]}`;
}

const renditionColor = { pending: "blue", failed: "red", unavailable: "gray" } as const;

/** A version's pages still in the making, or why it has none; nothing once they are ready. */
function RenditionBadge({ version, showReason }: { version: AssetVersion; showReason: boolean }) {
  const { t } = useTranslation("library");
  const state = version.renditionState;
  if (state !== "pending" && state !== "failed" && state !== "unavailable") return null;
  const reason =
    state === "unavailable"
      ? t("versions.unavailableHint")
      : state === "failed" && showReason
        ? version.renditionError
        : null;
  const badge = (
    <Badge
      size="xs"
      variant="light"
      color={renditionColor[state]}
      tt="none"
      tabIndex={reason ? 0 : undefined}
    >
      {t(`versions.rendition.${state}`)}
      {reason && <VisuallyHidden>: {reason}</VisuallyHidden>}
    </Badge>
  );
  return reason ? (
    <Tooltip label={reason} multiline maw={320} events={{ hover: true, focus: true, touch: true }}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/** The original, when the caller may have it, and the PDF made of a file that is not one. */
function downloadsOf(version: AssetVersion) {
  const pdf =
    version.renditionUrl && mimeEssence(version.mimeType ?? "") !== "application/pdf"
      ? `${version.renditionUrl}?download=1`
      : null;
  return { original: version.downloadUrl, pdf };
}

type VersionChanges = NonNullable<AssetDetail["changes"]>;

/** The newest version against the one before it: pages whose text changed, the page count, the file. */
function ChangesSummary({ changes, versions }: { changes: VersionChanges; versions: AssetVersion[] }) {
  const { t } = useTranslation("library");
  const before = versions.find((v) => v.id === changes.comparedWithVersionId);
  const after = versions.find((v) => v.id === changes.versionId);
  const pages = changes.pagesChanged;
  // a document with pages is compared once both versions are read; others have no pages to compare
  const reading = [before, after].some((v) => v?.processingState === "pending");
  const pageLine =
    pages === null
      ? reading
        ? t("versions.pagesComparing")
        : null
      : pages.length === 0
        ? t("versions.noPagesChanged")
        : t("versions.pagesChanged", { count: pages.length, pages: pages.join(", ") });
  const lines = [
    changes.fileChanged ? pageLine : t("versions.sameFile"),
    changes.pageCountBefore != null &&
    changes.pageCountAfter != null &&
    changes.pageCountBefore !== changes.pageCountAfter
      ? t("versions.pageCount", { before: changes.pageCountBefore, after: changes.pageCountAfter })
      : null,
  ].filter((line): line is string => Boolean(line));
  if (lines.length === 0) return null;
  return (
    <Stack gap={0} data-testid="what-changed">
      <Text size="xs" c="dimmed">
        {before ? t("versions.against", { number: before.number }) : t("versions.whatChanged")}
      </Text>
      {lines.map((line) => (
        <Text size="xs" key={line}>
          {line}
        </Text>
      ))}
    </Stack>
  );
}

/** Every version the caller may see, newest first, each with its downloads and what it changed. */
export function VersionsList({ asset, curator }: { asset: AssetDetail; curator: boolean }) {
  const { t } = useTranslation("library");
  const format = useFormat();
  const link = { size: "sm", style: { whiteSpace: "nowrap" } } as const;
  return (
    <Stack gap="sm">
      {asset.versions.map((v) => {
        const { original, pdf } = downloadsOf(v);
        return (
          <Stack key={v.id} gap={2} style={{ minWidth: 0 }} data-testid="version">
            <Group gap={6}>
              <Text size="sm" fw={500}>
                {t("versions.number", { number: v.number })}
              </Text>
              {v.id === asset.currentVersionId && (
                <Badge size="xs" variant="light">
                  {t("versions.current")}
                </Badge>
              )}
              {v.id === asset.pendingVersionId && (
                <Badge size="xs" variant="light" color="yellow" tt="none">
                  {t("versions.awaitingReview")}
                </Badge>
              )}
              <RenditionBadge version={v} showReason={curator} />
            </Group>
            <Text size="xs" c="dimmed" truncate>
              {[v.fileName, v.size != null ? fileSize(v.size, format.number) : null, format.date(v.createdAt)]
                .filter(Boolean)
                .join(" · ")}
            </Text>
            {v.changeNote && (
              <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                {t("versions.changeNote", { note: v.changeNote })}
              </Text>
            )}
            {asset.changes?.versionId === v.id && (
              <ChangesSummary changes={asset.changes} versions={asset.versions} />
            )}
            {(original || pdf) && (
              <Group gap="md">
                {original && (
                  <Anchor href={original} download {...link}>
                    {/* "original" only says something beside a PDF made from it */}
                    {pdf ? t("versions.downloadOriginal") : t("versions.download")}
                  </Anchor>
                )}
                {pdf && (
                  <Anchor href={pdf} download {...link}>
                    {t("versions.downloadPdf")}
                  </Anchor>
                )}
              </Group>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
