import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import type { Audience } from "@pitchside/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { linkControlsInput, noControls } from "../sharing/link-controls";
import { ShareAction } from "../sharing/share-action";
import { useCreateShareLink } from "../sharing/use-create-share-link";
import { CopyLink } from "../ui/copy-link";
import { ErrorAlert } from "../ui/error-alert";

interface Props {
  asset: { id: string; title: string; audience: Audience };
  /** The id of the element holding the asset's title, which describes the Open link. */
  titleId: string;
  /** The deal the email is about: links count toward it. */
  deal: { id: string; name: string } | null;
  /** The one buyer the email goes to, if just one: the link remembers who it was for. */
  recipientEmail: string | null;
}

/**
 * What a rep does with a suggestion: open it, copy a tracked link for the deal in one click, or share it
 * with every control; an internal asset is for reading only, and says so in place of the sharing buttons.
 */
export function ResultActions({ asset, titleId, deal, recipientEmail }: Props) {
  const { t } = useTranslation("library");
  const { create, copied } = useCreateShareLink();
  // suggestions only ever offer published, unexpired assets
  const shareable = { ...asset, status: "published" as const, expiresAt: null, versionNumber: null };
  const url = create.data?.url;
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Button
          component={Link}
          to={`/library/assets/${asset.id}`}
          size="xs"
          variant="default"
          // named "Open" (the title link already bears the title), described by the title
          aria-describedby={titleId}
        >
          {t("find.open")}
        </Button>
        {asset.audience !== "internal" &&
          (url ? (
            <CopyLink url={url} name={asset.title} />
          ) : (
            <Button
              size="xs"
              variant="light"
              loading={create.isPending}
              aria-label={t("find.copyLinkNamed", { title: asset.title })}
              onClick={() =>
                create.mutate({
                  assetId: asset.id,
                  surface: "portal",
                  ...linkControlsInput({
                    ...noControls,
                    dealId: deal?.id ?? null,
                    recipientEmail: recipientEmail ?? "",
                  }),
                })
              }
            >
              {t("find.copyLink")}
            </Button>
          ))}
        <ShareAction asset={shareable} dealId={deal?.id ?? null} recipientEmail={recipientEmail} compact />
      </Group>
      {url && (
        <Stack gap={4}>
          <Text size="xs" c="teal" role="status">
            {copied
              ? deal
                ? t("find.linkCopiedDeal", { deal: deal.name })
                : t("find.linkCopied")
              : t("find.linkCreated")}
          </Text>
          <TextInput
            size="xs"
            readOnly
            value={url}
            aria-label={t("find.linkNamed", { title: asset.title })}
            onFocus={(e) => e.currentTarget.select()}
          />
        </Stack>
      )}
      {create.isError && <ErrorAlert title={t("find.linkFailed")} error={create.error} />}
    </Stack>
  );
}
