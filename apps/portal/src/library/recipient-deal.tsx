import { Alert, Button, Group, Stack, TagsInput, Text } from "@mantine/core";
import { chosenDeal, type DealChoice, isExternalAddress, looksLikeEmail } from "@pitchside/shared";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../api-types";
import { DealSelect, dealLabel, useStageLabel } from "../deals/deal-select";
import { useTRPC } from "../trpc";

type DealMatch = RouterOutputs["deals"]["match"][number];

/** The recipients as typed, split into addresses of buyers, colleagues (ignored) and typos. */
export function sortRecipients(typed: readonly string[], self: string) {
  const invalid = typed.filter((e) => !looksLikeEmail(e));
  const valid = typed.filter(looksLikeEmail).map((e) => e.trim());
  return {
    buyers: valid.filter((e) => isExternalAddress(e, self)),
    internal: valid.filter((e) => !isExternalAddress(e, self)),
    invalid,
  };
}

/**
 * The deal an email is about, as the extension finds it: the recipients' confident match, or the rep's
 * answer when several open deals match equally well, or the rep's own pick.
 */
export function useRecipientDeal(buyers: readonly string[], choice: DealChoice) {
  const trpc = useTRPC();
  const match = useQuery({
    ...trpc.deals.match.queryOptions(
      buyers.length > 0 ? { recipientEmails: [...buyers], limit: 20 } : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const matches = buyers.length > 0 ? (match.data ?? []) : [];
  return { matches, ...chosenDeal(matches, choice), matching: match.isFetching, failed: match.isError };
}

interface Props {
  recipients: string[];
  onRecipientsChange: (recipients: string[]) => void;
  sorted: ReturnType<typeof sortRecipients>;
  deal: ReturnType<typeof useRecipientDeal>;
  choice: DealChoice;
  onChoiceChange: (choice: DealChoice) => void;
}

/** Recipients (checked, colleagues ignored) and the deal they match, which the rep can answer or override. */
export function RecipientDeal({
  recipients,
  onRecipientsChange,
  sorted,
  deal,
  choice,
  onChoiceChange,
}: Props) {
  const { t } = useTranslation("library");
  const stageLabel = useStageLabel();
  const { buyers, internal, invalid } = sorted;
  const label = (d: DealMatch) => `${dealLabel(d)} · ${stageLabel(d.stage)}`;
  const matched = choice === "auto" ? deal.confident : null;
  return (
    <Stack gap="xs">
      <TagsInput
        label={t("find.recipients")}
        description={t("find.recipientsHelp")}
        placeholder={recipients.length === 0 ? "dana@example.com" : undefined}
        value={recipients}
        onChange={onRecipientsChange}
        splitChars={[",", ";", " "]}
        acceptValueOnBlur
        clearable
        maxTags={50}
        error={invalid.length > 0 ? t("find.recipientsInvalid", { list: invalid.join(", ") }) : undefined}
      />
      {internal.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="ignored-recipients">
          {t("find.recipientsIgnored", { list: internal.join(", ") })}
        </Text>
      )}
      {deal.failed && (
        <Text size="xs" c="red">
          {t("find.matchFailed")}
        </Text>
      )}
      {matched && (
        <Text size="sm" data-testid="matched-deal">
          {t("find.matched", { deal: label(matched) })}
        </Text>
      )}
      {choice === "auto" &&
        buyers.length > 0 &&
        !deal.matching &&
        deal.matches.length === 0 &&
        !deal.failed && (
          <Text size="xs" c="dimmed">
            {t("find.noMatch")}
          </Text>
        )}
      {deal.ask && (
        <Alert color="blue" variant="light" title={t("find.whichDeal")} data-testid="which-deal">
          <Group gap="xs">
            {deal.matches
              .filter((d) => d.status === "open")
              .map((d) => (
                <Button key={d.id} size="xs" variant="default" onClick={() => onChoiceChange(d.id)}>
                  {label(d)}
                </Button>
              ))}
            <Button size="xs" variant="subtle" onClick={() => onChoiceChange("none")}>
              {t("find.noneOfThese")}
            </Button>
          </Group>
        </Alert>
      )}
      <DealSelect
        value={deal.dealId}
        onChange={(id) => onChoiceChange(id ?? "none")}
        description={t("find.dealHelp")}
        known={deal.matches.find((d) => d.id === deal.dealId) ?? null}
      />
    </Stack>
  );
}
