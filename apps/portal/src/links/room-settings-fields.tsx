import { Checkbox, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { dateInputValue } from "./expiry";

/** What a rep sets on a deal room when making it and after sending it. */
export interface RoomSettings {
  name: string;
  note: string;
  /** `YYYY-MM-DD`, or empty for no expiry. */
  expires: string;
  allowDownload: boolean;
}

interface Props {
  value: RoomSettings;
  onChange: (next: RoomSettings) => void;
  errors: Partial<Record<string, string>>;
  /** A room being made gets examples and help; a sent one says how to drop its expiry. */
  isNew: boolean;
}

export function RoomSettingsFields({ value, onChange, errors, isNew }: Props) {
  const { t } = useTranslation("links");
  const set = (patch: Partial<RoomSettings>) => onChange({ ...value, ...patch });
  return (
    <>
      <TextInput
        label={t("create.name")}
        placeholder={isNew ? t("create.namePlaceholder") : undefined}
        value={value.name}
        maxLength={200}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
        data-autofocus={isNew ? undefined : true}
      />
      <Textarea
        label={t("create.note")}
        description={isNew ? t("create.noteHelp") : undefined}
        value={value.note}
        maxLength={2000}
        resize="vertical"
        minRows={3}
        onChange={(e) => set({ note: e.currentTarget.value })}
        error={errors.note}
      />
      <TextInput
        type="date"
        label={t("create.expires")}
        description={isNew ? t("create.expiresHelp") : t("edit.expiresHelp")}
        value={value.expires}
        min={dateInputValue(new Date())}
        onChange={(e) => set({ expires: e.currentTarget.value })}
        error={errors.expiresAt}
      />
      <Checkbox
        label={t("create.allowDownload")}
        checked={value.allowDownload}
        onChange={(e) => set({ allowDownload: e.currentTarget.checked })}
      />
    </>
  );
}
