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
import { useTranslation } from "react-i18next";
import { fieldErrors } from "../api-errors";
import { DealSelect } from "../deals/deal-select";
import { useCurrentUser } from "../session/session";
import { ErrorAlert } from "../ui/error-alert";
import { type LinkControlValues, linkControlsInput, noControls, today } from "./link-controls";
import { useCreateShareLink } from "./use-create-share-link";

interface ShareLinkDialogProps {
  assetId: string;
  /** The live version's number, which a pinned link keeps showing. */
  versionNumber: number | null;
  opened: boolean;
  onClose: () => void;
  /** The deal the link starts out counting toward (the rep can change it). */
  dealId?: string | null;
  /** The buyer the link starts out for (the rep can change it). */
  recipientEmail?: string | null;
}

/** Creates a tracked link with its controls (deal, recipient, expiry, gate, version) and copies it. */
export function ShareLinkDialog({
  assetId,
  versionNumber,
  opened,
  onClose,
  dealId = null,
  recipientEmail = null,
}: ShareLinkDialogProps) {
  const { t } = useTranslation("sharing");
  const user = useCurrentUser();
  const { create, copied, reset } = useCreateShareLink();
  const form = useForm<LinkControlValues>({
    initialValues: { ...noControls, dealId, recipientEmail: recipientEmail ?? noControls.recipientEmail },
    validate: {
      passcode: (v) => (v && v.length < 4 ? t("share.passcodeShort") : null),
      expiresOn: (v) => (v && v < today() ? t("share.expiryPast") : null),
    },
  });
  const errors = fieldErrors(create.error);
  const close = () => {
    reset();
    form.reset();
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
