import { Badge, Button, Stack, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { AssetStatus, Audience } from "@pitchside/shared";
import { whyNotShareable } from "@pitchside/shared";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";

// the dialog (its form, the deal picker) is its own chunk, fetched when a rep first shares
const loadDialog = () => import("./share-link-dialog");
const ShareLinkDialog = lazy(async () => ({ default: (await loadDialog()).ShareLinkDialog }));

export interface ShareableAsset {
  id: string;
  status: AssetStatus;
  audience: Audience;
  expiresAt: string | null;
  /** The live version's number, for "This version only (vN)". */
  versionNumber: number | null;
}

/**
 * Where an asset offers a share link: the button and its dialog; for an internal asset a plain
 * "not for sending" in its place; for one that is not live a disabled button saying why.
 */
export function ShareAction({
  asset,
  dealId = null,
  recipientEmail = null,
  compact = false,
}: {
  asset: ShareableAsset;
  /** The deal the dialog starts out with. */
  dealId?: string | null;
  /** The buyer the dialog starts out with. */
  recipientEmail?: string | null;
  /** A small "Share" among a result's actions rather than the asset page's main button. */
  compact?: boolean;
}) {
  const { t } = useTranslation("sharing");
  const [opened, dialog] = useDisclosure(false);
  // mounted from the first open on, so closing keeps its animation
  const [wanted, setWanted] = useState(false);
  const why = whyNotShareable(asset);
  if (why === "internal") {
    return (
      <Tooltip
        label={t("share.internalHelp")}
        multiline
        maw={280}
        events={{ hover: true, focus: true, touch: true }}
      >
        <Badge
          size={compact ? "md" : "lg"}
          color="orange"
          variant="light"
          tt="none"
          tabIndex={0}
          data-testid="internal-asset"
        >
          {t("share.internal")}
        </Badge>
      </Tooltip>
    );
  }
  if (why) {
    return (
      <Stack gap={2} align="flex-end">
        <Button disabled aria-describedby={`share-why-${asset.id}`}>
          {t("share.open")}
        </Button>
        <Text size="xs" c="dimmed" id={`share-why-${asset.id}`} maw={260} ta="right">
          {t(`share.notShareable.${why}`)}
        </Text>
      </Stack>
    );
  }
  return (
    <>
      <Button
        size={compact ? "xs" : "sm"}
        variant={compact ? "light" : "filled"}
        onClick={() => {
          setWanted(true);
          dialog.open();
        }}
        onMouseEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
      >
        {compact ? t("share.short") : t("share.open")}
      </Button>
      {wanted && (
        <Suspense fallback={null}>
          <ShareLinkDialog
            // a new deal starts a new form
            key={`${dealId ?? ""} ${recipientEmail ?? ""}`}
            dealId={dealId}
            recipientEmail={recipientEmail}
            assetId={asset.id}
            versionNumber={asset.versionNumber}
            opened={opened}
            onClose={dialog.close}
          />
        </Suspense>
      )}
    </>
  );
}
