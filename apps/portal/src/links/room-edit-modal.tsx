import { Button, Group, Modal, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, hasFieldErrors } from "../api-errors";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { endOfDayIso, expiryInputValue } from "./expiry";
import type { RoomDetail } from "./link-types";
import { type RoomSettings, RoomSettingsFields } from "./room-settings-fields";

/** Changes a sent deal room's name, note, expiry and download rule; its link stays the same. */
export function RoomEditModal({ room, onClose }: { room: RoomDetail; onClose: () => void }) {
  const { t } = useTranslation("links");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState<RoomSettings>({
    name: room.name,
    note: room.note,
    expires: expiryInputValue(room.expiresAt),
    allowDownload: room.allowDownload,
  });
  const { name, note, expires, allowDownload } = settings;
  const save = useMutation(
    trpc.rooms.update.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "green", message: t("edit.saved") });
        await queryClient.invalidateQueries(trpc.rooms.pathFilter());
        onClose();
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const expiryChanged = expires !== expiryInputValue(room.expiresAt);
  return (
    <Modal opened onClose={onClose} title={t("edit.title")}>
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            id: room.id,
            name: name.trim(),
            note: note.trim(),
            allowDownload,
            // untouched, the expiry is left alone (a past one would be refused as a new value)
            ...(expiryChanged ? { expiresAt: expires ? endOfDayIso(expires) : null } : {}),
          });
        }}
      >
        <RoomSettingsFields value={settings} onChange={setSettings} errors={errors} isNew={false} />
        {save.error != null && !hasFieldErrors(save.error) && (
          <ErrorAlert title={t("edit.failed")} error={save.error} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("edit.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("edit.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
