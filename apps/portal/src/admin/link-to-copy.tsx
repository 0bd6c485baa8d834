import { Button, CopyButton, Group, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A one-time link (an invitation, a password reset) for the admin to copy and send. */
export function LinkToCopy({ link, help }: { link: string; help: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm">{help}</Text>
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label={t("admin.invitations.linkLabel")}
          value={link}
          readOnly
          style={{ flex: 1 }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton value={link}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy} color={copied ? "teal" : undefined}>
              {copied ? t("admin.invitations.copied") : t("admin.invitations.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
