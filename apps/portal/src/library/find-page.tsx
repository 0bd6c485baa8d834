import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Textarea } from "@mantine/core";
import type { DealChoice } from "@pitchside/shared";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RouterInputs } from "../api-types";
import { useLanguage } from "../i18n/use-language";
import { useCurrentUser } from "../session/session";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { AssetBadges } from "./asset-badges";
import { type ContextEdits, ContextFields, effectiveContext } from "./find-context";
import { LanguageVersionLinks } from "./language-versions";
import { RecipientDeal, sortRecipients, useRecipientDeal } from "./recipient-deal";
import { ResultActions } from "./result-actions";
import { SuggestionMarks } from "./suggestion-marks";

type SuggestInput = RouterInputs["suggest"]["forContext"];

/** Reading the email runs as the rep pauses typing, not on every key. */
const READ_DEBOUNCE_MS = 500;

/**
 * "Find content for this email": the same suggestion engine the extension uses, from a pasted message.
 * The recipients find the deal; what the email and the deal say (stage, persona, competitors, objections,
 * language) is shown for the rep to correct before ranking, and ranking follows each correction.
 */
export function FindPage() {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const user = useCurrentUser();
  const { language } = useLanguage();
  const [text, setText] = useState("");
  const [readText, setReadText] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setReadText(text), READ_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [choice, setChoice] = useState<DealChoice>("auto");
  const sorted = sortRecipients(recipients, user.email);
  const deal = useRecipientDeal(sorted.buyers, choice);
  const [edits, setEdits] = useState<ContextEdits>({});
  const [asked, setAsked] = useState(false);

  const message = readText.trim() ? { text: readText } : {};
  // the recipients also name the contact whose title gives the persona
  const forDeal = deal.dealId ? { dealId: deal.dealId, recipientEmails: sorted.buyers } : {};
  const readInput = readText.trim() || deal.dealId ? { ...message, ...forDeal } : null;
  const read = useQuery({
    ...trpc.suggest.readContext.queryOptions(readInput ?? skipToken),
    placeholderData: keepPreviousData,
  });
  const current = readInput && read.data && !read.isPlaceholderData ? read.data : null;
  // rank once the context of this very email is read (or reading it failed): never on a stale one
  const settled = readInput === null || current !== null || read.isError;
  const context = effectiveContext(current, edits);
  const known = (field: "competitors" | "objections") => field in edits || current !== null;
  const rankInput: SuggestInput = {
    surface: "portal",
    limit: 10,
    ...message,
    ...forDeal,
    ...(context.stage ? { stage: context.stage } : {}),
    ...(context.persona ? { persona: context.persona } : {}),
    ...(context.language ? { language: context.language } : {}),
    ...(known("competitors") || known("objections")
      ? { signals: { competitors: context.competitors, objections: context.objections } }
      : {}),
  };
  const suggestions = useQuery({
    ...trpc.suggest.forContext.queryOptions(
      asked && settled && sorted.invalid.length === 0 ? { ...rankInput, uiLanguage: language } : skipToken,
    ),
    placeholderData: keepPreviousData,
  });
  const ask = () => {
    setReadText(text);
    setAsked(true);
  };
  const dealName = current?.deal?.name ?? null;
  const linkDeal = deal.dealId && dealName ? { id: deal.dealId, name: dealName } : null;
  const recipientEmail = sorted.buyers.length === 1 ? (sorted.buyers[0] ?? null) : null;
  return (
    <>
      <PageHeader title={t("find.title")} description={t("find.description")} />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              ask();
            }}
          >
            <Stack gap="sm">
              <Textarea
                label={t("find.message")}
                description={t("find.messageHelp")}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                autosize
                minRows={8}
                maxRows={20}
                maxLength={50_000}
              />
              <RecipientDeal
                recipients={recipients}
                onRecipientsChange={setRecipients}
                sorted={sorted}
                deal={deal}
                choice={choice}
                onChoiceChange={setChoice}
              />
              <ContextFields
                read={readInput ? (read.data ?? null) : null}
                reading={read.isFetching}
                failed={read.isError}
                edits={edits}
                onEdit={setEdits}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={suggestions.isFetching}>
                  {t("find.submit")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {!asked ? (
            <Text c="dimmed" size="sm">
              {t("find.intro")}
            </Text>
          ) : (
            <QueryState query={suggestions} what={t("find.what")}>
              {(result) => (
                <Stack gap="sm" aria-live="polite">
                  {result.degraded && (
                    <Alert color="yellow" variant="light">
                      {t("search.degraded")}
                    </Alert>
                  )}
                  {result.items.length === 0 && (
                    <Alert color="gray" variant="light" title={t("find.noneTitle")}>
                      <Stack gap="sm" align="flex-start">
                        <Text size="sm">{t("find.none")}</Text>
                        <Button
                          component={Link}
                          to={`/requests?${new URLSearchParams({ new: "1", q: text.slice(0, 200) })}`}
                          variant="light"
                        >
                          {t("search.request")}
                        </Button>
                      </Stack>
                    </Alert>
                  )}
                  {result.items.map(({ asset, reasons, languageVersions }, rank) => (
                    <Card
                      key={asset.id}
                      withBorder
                      padding="md"
                      component="article"
                      aria-labelledby={`suggestion-${asset.id}`}
                    >
                      <Stack gap={6}>
                        <Group gap="xs" wrap="nowrap">
                          <Text c="dimmed" size="sm" fw={600}>
                            {rank + 1}.
                          </Text>
                          <Anchor
                            component={Link}
                            to={`/library/assets/${asset.id}`}
                            fw={600}
                            id={`suggestion-${asset.id}`}
                          >
                            {asset.title}
                          </Anchor>
                        </Group>
                        <AssetBadges
                          type={asset.type}
                          language={asset.language}
                          stages={asset.stages}
                          personas={asset.personas}
                        />
                        <LanguageVersionLinks versions={languageVersions} />
                        <Group gap={6} aria-label={t("find.reasons")}>
                          {reasons.map((r) => (
                            <Badge key={`${r.kind}-${r.label}`} variant="dot" color="teal" tt="none">
                              {r.label}
                            </Badge>
                          ))}
                        </Group>
                        <ResultActions
                          asset={asset}
                          titleId={`suggestion-${asset.id}`}
                          deal={linkDeal}
                          recipientEmail={recipientEmail}
                        />
                        <SuggestionMarks
                          assetId={asset.id}
                          titleId={`suggestion-${asset.id}`}
                          dealId={linkDeal?.id}
                          requestId={result.requestId}
                        />
                      </Stack>
                    </Card>
                  ))}
                </Stack>
              )}
            </QueryState>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
