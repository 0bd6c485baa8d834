import { Button, Group } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";

/**
 * "Helped" / "Not helpful" on one suggestion: pressing one marks it (feedback.markSuggestion),
 * pressing it again takes the mark back. The marks move the asset in later suggestions.
 */
export function SuggestionMarks({
  assetId,
  titleId,
  dealId,
  requestId,
}: {
  assetId: string;
  /** The suggestion's title, which names the group for screen readers. */
  titleId: string;
  dealId?: string | undefined;
  requestId?: string | undefined;
}) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const [helped, setHelped] = useState<boolean | null>(null);
  const mark = useMutation(
    trpc.feedback.markSuggestion.mutationOptions({ onSuccess: (res) => setHelped(res.helped) }),
  );
  const press = (value: boolean) =>
    mark.mutate({
      assetId,
      helped: helped === value ? null : value,
      surface: "portal",
      ...(dealId ? { dealId } : {}),
      ...(requestId ? { requestId } : {}),
    });
  const button = (value: boolean) => (
    <Button
      size="compact-xs"
      variant={helped === value ? "filled" : "default"}
      color={value ? "teal" : "gray"}
      aria-pressed={helped === value}
      disabled={mark.isPending}
      onClick={() => press(value)}
    >
      {t(value ? "marks.helped" : "marks.notHelpful")}
    </Button>
  );
  return (
    <Group gap={6} role="group" aria-label={t("marks.label")} aria-describedby={titleId}>
      {button(true)}
      {button(false)}
      {mark.isError && (
        <span
          role="alert"
          style={{ color: "var(--mantine-color-red-7)", fontSize: "var(--mantine-font-size-xs)" }}
        >
          {t("marks.failed")}
        </span>
      )}
    </Group>
  );
}
