import { Alert, Anchor, Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { fieldErrors, hasFieldErrors } from "../api-errors";
import { DealSelect } from "../deals/deal-select";
import { useTRPC } from "../trpc";
import { CopyLink } from "../ui/copy-link";
import { ErrorAlert } from "../ui/error-alert";
import { endOfDayIso } from "./expiry";
import { type PickedAsset, RoomAssetsField } from "./room-assets-field";
import { type RoomSettings, RoomSettingsFields } from "./room-settings-fields";

/** Makes a deal room (several assets for one deal, one link) and hands back its link to copy. */
export function NewRoomModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation("links");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [assets, setAssets] = useState<PickedAsset[]>([]);
  const [dealId, setDealId] = useState<string | null>(null);
  const [recipient, setRecipient] = useState("");
  const [settings, setSettings] = useState<RoomSettings>({
    name: "",
    note: "",
    expires: "",
    allowDownload: false,
  });
  const { name, note, expires, allowDownload } = settings;
  const [tried, setTried] = useState(false);
  const create = useMutation(
    trpc.rooms.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.rooms.pathFilter()),
    }),
  );
  const errors = fieldErrors(create.error);
  const noAssets = tried && assets.length === 0;
  return (
    <Modal opened onClose={onClose} title={t("create.title")} size="lg">
      {create.data ? (
        <Stack>
          <Alert color="green" variant="light">
            {t("create.created")}
          </Alert>
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label={t("create.link")}
              value={create.data.url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              style={{ flex: 1 }}
            />
            <CopyLink url={create.data.url} />
          </Group>
          <Group justify="space-between">
            <Anchor component={Link} to={`/links/rooms/${create.data.id}`} onClick={onClose} size="sm">
              {t("create.view")}
            </Anchor>
            <Button onClick={onClose}>{t("create.done")}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (assets.length === 0) return;
            create.mutate({
              assetIds: assets.map((a) => a.id),
              ...(dealId ? { dealId } : {}),
              ...(recipient.trim() ? { recipientEmail: recipient.trim() } : {}),
              ...(name.trim() ? { name: name.trim() } : {}),
              ...(note.trim() ? { note: note.trim() } : {}),
              ...(expires ? { expiresAt: endOfDayIso(expires) } : {}),
              allowDownload,
            });
          }}
        >
          <RoomAssetsField
            value={assets}
            onChange={setAssets}
            error={noAssets ? t("create.noAssets") : errors.assetIds}
          />
          <DealSelect value={dealId} onChange={setDealId} description={t("create.dealHelp")} />
          <TextInput
            type="email"
            label={t("create.recipient")}
            description={t("create.recipientHelp")}
            value={recipient}
            onChange={(e) => setRecipient(e.currentTarget.value)}
            error={errors.recipientEmail}
          />
          <RoomSettingsFields value={settings} onChange={setSettings} errors={errors} isNew />
          {create.error != null && !hasFieldErrors(create.error) && (
            <ErrorAlert title={t("create.failed")} error={create.error} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("create.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("create.submit")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
