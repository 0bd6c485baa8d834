import {
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  PasswordInput,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors } from "../api-errors";
import { useCurrentUser } from "../auth/session";
import { DealSelect } from "../library/deal-select";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";

interface ShareLinkDialogProps {
  assetId: string;
  /** The live version's number, which a pinned link keeps showing. */
  versionNumber: number | null;
  opened: boolean;
  onClose: () => void;
}

export interface LinkControlValues {
  dealId: string | null;
  recipientEmail: string;
  name: string;
  /** `YYYY-MM-DD`, or empty for no expiry. */
  expiresOn: string;
  allowDownload: boolean;
  requireEmail: boolean;
  passcode: string;
  version: "latest" | "pinned";
}

export const noControls: LinkControlValues = {
  dealId: null,
  recipientEmail: "",
  name: "",
  expiresOn: "",
  allowDownload: false,
  requireEmail: false,
  passcode: "",
  version: "latest",
};

/** Today as `YYYY-MM-DD` in the browser's time zone, the earliest day a link may run until. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The form as `shares.create` takes it: empty fields left out, an expiry day running to its end. */
export function linkControlsInput(v: LinkControlValues) {
  const text = (s: string) => s.trim() || undefined;
  return {
    dealId: v.dealId ?? undefined,
    recipientEmail: text(v.recipientEmail),
    name: text(v.name),
    // the link works through the chosen day, in the sender's time zone
    expiresAt: v.expiresOn ? new Date(`${v.expiresOn}T23:59:59`).toISOString() : undefined,
    allowDownload: v.allowDownload,
    requireEmail: v.requireEmail,
    passcode: v.passcode || undefined,
    pinVersion: v.version === "pinned",
  };
}

/** Creates a tracked link with its controls (deal, recipient, expiry, gate, version) and copies it. */
export function ShareLinkDialog({ assetId, versionNumber, opened, onClose }: ShareLinkDialogProps) {
  const { t } = useTranslation("sharing");
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [copied, setCopied] = useState(false);
  const form = useForm<LinkControlValues>({
    initialValues: noControls,
    validate: {
      passcode: (v) => (v && v.length < 4 ? t("share.passcodeShort") : null),
      expiresOn: (v) => (v && v < today() ? t("share.expiryPast") : null),
    },
  });
  const create = useMutation(
    trpc.shares.create.mutationOptions({
      onSuccess: async ({ url }) => {
        // clipboard access can be refused (permissions, focus); the link stays shown with a copy button
        setCopied(
          await navigator.clipboard.writeText(url).then(
            () => true,
            () => false,
          ),
        );
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const close = () => {
    create.reset();
    form.reset();
    setCopied(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t("share.title")} size="lg" centered>
      {create.data ? (
        <Stack>
          <Alert color="green" variant="light">
            {copied ? t("share.copied") : t("share.created")}
          </Alert>
          <TextInput
            label={t("share.link")}
            value={create.data.url}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
          />
          <Group justify="flex-end">
            <CopyButton value={create.data.url}>
              {({ copied: again, copy }) => (
                <Button variant="default" onClick={copy}>
                  {again ? t("share.copiedShort") : t("share.copy")}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>{t("share.done")}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            create.mutate({ assetId, surface: "portal", ...linkControlsInput(values) }),
          )}
        >
          <Stack gap="sm">
            <DealSelect
              value={form.values.dealId}
              onChange={(id) => form.setFieldValue("dealId", id)}
              description={t("share.dealHelp")}
              error={errors.dealId}
              allowCreate={user.role === "rep" || user.role === "admin"}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t("share.recipient")}
                description={t("share.recipientHelp")}
                type="email"
                autoComplete="off"
                {...form.getInputProps("recipientEmail")}
                error={errors.recipientEmail}
              />
              <TextInput
                label={t("share.name")}
                description={t("share.nameHelp")}
                maxLength={200}
                {...form.getInputProps("name")}
                error={errors.name}
              />
              <TextInput
                label={t("share.expiry")}
                description={t("share.expiryHelp")}
                type="date"
                min={today()}
                {...form.getInputProps("expiresOn")}
                error={form.errors.expiresOn ?? errors.expiresAt}
              />
              <PasswordInput
                label={t("share.passcode")}
                description={t("share.passcodeHelp")}
                autoComplete="new-password"
                maxLength={200}
                {...form.getInputProps("passcode")}
                error={form.errors.passcode ?? errors.passcode}
              />
            </SimpleGrid>
            <Switch
              label={t("share.allowDownload")}
              description={t("share.allowDownloadHelp")}
              {...form.getInputProps("allowDownload", { type: "checkbox" })}
            />
            <Switch
              label={t("share.requireEmail")}
              description={t("share.requireEmailNote")}
              {...form.getInputProps("requireEmail", { type: "checkbox" })}
            />
            <Radio.Group label={t("share.version")} {...form.getInputProps("version")}>
              <Stack gap="xs" mt={6}>
                <Radio value="latest" label={t("share.latest")} description={t("share.latestHelp")} />
                {versionNumber != null && (
                  <Radio
                    value="pinned"
                    label={t("share.pinned", { number: versionNumber })}
                    description={t("share.pinnedHelp")}
                  />
                )}
              </Stack>
            </Radio.Group>
            {create.isError && Object.keys(errors).length === 0 && (
              <ErrorAlert title={t("share.failed")} error={create.error} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("share.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t("share.create")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
