import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RouterInputs } from "../api-types";
import { useLanguage } from "../i18n/use-language";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { AssetBadges } from "./asset-badges";
import { DealSelect } from "./deal-select";
import { LanguageVersionLinks } from "./language-versions";
import { useTaxonomy } from "./use-taxonomy";

type SuggestInput = RouterInputs["suggest"]["forContext"];

/** "Find content for this email": the same suggestion engine the extension uses, from a pasted message. */
export function FindPage() {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const { language } = useLanguage();
  const { options } = useTaxonomy();
  const [text, setText] = useState("");
  const [stage, setStage] = useState<string | null>(null);
  const [persona, setPersona] = useState<string | null>(null);
  const [dealId, setDealId] = useState<string | null>(null);
  const [asked, setAsked] = useState<SuggestInput | null>(null);
  const suggestions = useQuery(
    trpc.suggest.forContext.queryOptions(asked ? { ...asked, uiLanguage: language } : skipToken),
  );
  const ask = () =>
    setAsked({
      surface: "portal",
      limit: 10,
      ...(text.trim() ? { text } : {}),
      ...(stage ? { stage } : {}),
      ...(persona ? { persona } : {}),
      ...(dealId ? { dealId } : {}),
    });
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
              <Select
                label={t("facets.stages")}
                data={options("stage")}
                value={stage}
                onChange={setStage}
                clearable
                placeholder={t("find.fromDeal")}
              />
              <Select
                label={t("facets.personas")}
                data={options("persona")}
                value={persona}
                onChange={setPersona}
                clearable
                placeholder={t("find.fromMessage")}
              />
              <DealSelect value={dealId} onChange={setDealId} description={t("find.dealHelp")} />
              <Group justify="flex-end">
                <Button type="submit" loading={suggestions.isFetching}>
                  {t("find.submit")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {asked == null ? (
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
                    <Card key={asset.id} withBorder padding="md" component="article">
                      <Stack gap={6}>
                        <Group gap="xs" wrap="nowrap">
                          <Text c="dimmed" size="sm" fw={600}>
                            {rank + 1}.
                          </Text>
                          <Anchor component={Link} to={`/library/assets/${asset.id}`} fw={600}>
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
