import { Alert, Button, CopyButton, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors } from "../api-errors";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { DealSelect } from "./deal-select";

interface ShareLinkDialogProps {
  assetId: string;
  opened: boolean;
  onClose: () => void;
}

/** Creates a tracked link (optionally for a deal and a recipient) and copies it. */
export function ShareLinkDialog({ assetId, opened, onClose }: ShareLinkDialogProps) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const [dealId, setDealId] = useState<string | null>(null);
  const [recipient, setRecipient] = useState("");
  const [copied, setCopied] = useState(false);
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
    setCopied(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t("share.title")} centered>
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
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({
              assetId,
              surface: "portal",
              ...(dealId ? { dealId } : {}),
              ...(recipient.trim() ? { recipientEmail: recipient.trim() } : {}),
            });
          }}
        >
          <DealSelect
            value={dealId}
            onChange={setDealId}
            description={t("share.dealHelp")}
            error={errors.dealId}
          />
          <TextInput
            label={t("share.recipient")}
            description={t("share.recipientHelp")}
            type="email"
            value={recipient}
            onChange={(e) => setRecipient(e.currentTarget.value)}
            error={errors.recipientEmail}
          />
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
      )}
    </Modal>
  );
}
