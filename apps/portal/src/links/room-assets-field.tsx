import { Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AssetPicker } from "../ui/asset-picker";

export interface PickedAsset {
  id: string;
  title: string;
}

/** The assets a new deal room will hold, in order: found by title, removable before sending. */
export function RoomAssetsField({
  value,
  onChange,
  error,
}: {
  value: readonly PickedAsset[];
  onChange: (assets: PickedAsset[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation("links");
  return (
    <Stack gap="xs">
      <AssetPicker
        label={t("create.assets")}
        pickText={t("create.add")}
        pickLabel={(title) => t("create.addNamed", { title })}
        exclude={value.map((a) => a.id)}
        onPick={(asset) => onChange([...value, asset])}
      />
      <Text size="xs" c="dimmed">
        {t("create.assetsHelp")}
      </Text>
      {value.length > 0 && (
        <Stack
          gap={4}
          component="ol"
          aria-label={t("create.chosen")}
          p={0}
          m={0}
          style={{ listStyle: "none" }}
        >
          {value.map((asset, index) => (
            <Group key={asset.id} component="li" justify="space-between" wrap="nowrap">
              <Text size="sm" truncate>
                {index + 1}. {asset.title}
              </Text>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={t("create.removeNamed", { title: asset.title })}
                onClick={() => onChange(value.filter((a) => a.id !== asset.id))}
              >
                {t("create.remove")}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
