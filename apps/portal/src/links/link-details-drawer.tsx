import { Divider, Drawer, Group, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { CopyLink } from "../ui/copy-link";
import { EngagementFacts, Fact } from "./engagement";
import { LinkStatus } from "./link-status";
import type { ShareRow } from "./link-types";
import { RevokeAction } from "./revoke-action";

/** One single link in full: its settings, its status, and what prospects read, page by page. */
export function LinkDetailsDrawer({ share, onClose }: { share: ShareRow | null; onClose: () => void }) {
  const { t } = useTranslation("links");
  const format = useFormat();
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="md"
      closeButtonProps={{ "aria-label": t("details.close") }}
      title={share ? t("details.title", { name: share.assetTitle }) : t("details.url")}
    >
      {!share ? (
        <Text c="dimmed">{t("details.notFound")}</Text>
      ) : (
        <Stack gap="md">
          <Group justify="space-between">
            <LinkStatus state={share.state} endedReason={share.endedReason} />
            {share.state === "active" && <RevokeAction kind="share" id={share.id} name={share.assetTitle} />}
          </Group>
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label={t("details.url")}
              value={share.url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              style={{ flex: 1 }}
            />
            <CopyLink url={share.url} />
          </Group>
          <SimpleGrid cols={2} spacing="sm">
            <Fact label={t("details.recipient")}>{share.recipientEmail ?? t("none")}</Fact>
            <Fact label={t("details.deal")}>{share.dealName ?? t("none")}</Fact>
            <Fact label={t("details.created")}>{format.dateTime(share.createdAt)}</Fact>
            <Fact label={t("details.expires")}>
              {share.expiresAt ? format.dateTime(share.expiresAt) : t("details.noExpiry")}
            </Fact>
            <Fact label={t("details.download")}>
              {share.allowDownload ? t("details.yes") : t("details.no")}
            </Fact>
          </SimpleGrid>
          <Divider />
          <Title order={3} size="h5">
            {t("details.summary")}
          </Title>
          <EngagementFacts engagement={share} />
        </Stack>
      )}
    </Drawer>
  );
}
