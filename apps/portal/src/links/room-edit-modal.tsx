import { Button, Checkbox, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, hasFieldErrors } from "../api-errors";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { dateInputValue, endOfDayIso, expiryInputValue } from "./expiry";
import type { RoomDetail } from "./link-types";

/** Changes a sent deal room's name, note, expiry and download rule; its link stays the same. */
export function RoomEditModal({ room, onClose }: { room: RoomDetail; onClose: () => void }) {
  const { t } = useTranslation("links");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(room.name);
  const [note, setNote] = useState(room.note);
  const [expires, setExpires] = useState(expiryInputValue(room.expiresAt));
  const [allowDownload, setAllowDownload] = useState(room.allowDownload);
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
        <TextInput
          label={t("edit.name")}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <Textarea
          label={t("edit.note")}
          value={note}
          maxLength={2000}
          resize="vertical"
          minRows={3}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
        />
        <TextInput
          type="date"
          label={t("edit.expires")}
          description={t("edit.expiresHelp")}
          value={expires}
          min={dateInputValue(new Date())}
          onChange={(e) => setExpires(e.currentTarget.value)}
          error={errors.expiresAt}
        />
        <Checkbox
          label={t("edit.allowDownload")}
          checked={allowDownload}
          onChange={(e) => setAllowDownload(e.currentTarget.checked)}
        />
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
