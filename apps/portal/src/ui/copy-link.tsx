import { Button, CopyButton } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Copies a link; named for what it links to, so a list of them reads well to a screen reader. */
export function CopyLink({ url, name }: { url: string; name?: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={url}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant="light"
          color={copied ? "teal" : undefined}
          onClick={copy}
          aria-label={name ? t("copyLink.copyNamed", { name }) : undefined}
        >
          {copied ? t("copyLink.copied") : t("copyLink.copy")}
        </Button>
      )}
    </CopyButton>
  );
}
