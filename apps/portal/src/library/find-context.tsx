import {
  Button,
  Group,
  Loader,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import type { Language } from "@pitchside/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../api-types";
import { useTaxonomy } from "../taxonomy/use-taxonomy";

export type ReadContext = RouterOutputs["suggest"]["readContext"];

/** What ranking uses: what the email and the deal say, unless the rep changed it. */
export interface FindContext {
  stage: string | null;
  persona: string | null;
  competitors: string[];
  objections: string[];
  language: Language | null;
}

export type ContextEdits = Partial<FindContext>;

/** Each value the rep changed, else the one read from the email and the deal (none before reading). */
export function effectiveContext(read: ReadContext | null, edits: ContextEdits): FindContext {
  const pick = <K extends keyof FindContext>(key: K, fallback: FindContext[K]): FindContext[K] =>
    key in edits ? (edits[key] as FindContext[K]) : (read?.context[key] ?? fallback);
  return {
    stage: pick("stage", null),
    persona: pick("persona", null),
    competitors: pick("competitors", []),
    objections: pick("objections", []),
    language: pick("language", null),
  };
}

interface Props {
  /** The last reading, shown while the next one runs. */
  read: ReadContext | null;
  reading: boolean;
  failed: boolean;
  edits: ContextEdits;
  onEdit: (edits: ContextEdits) => void;
}

/** The context read from the email and the deal, each value editable and saying where it came from. */
export function ContextFields({ read, reading, failed, edits, onEdit }: Props) {
  const { t } = useTranslation("library");
  const { options } = useTaxonomy();
  const titleId = useId();
  const value = effectiveContext(read, edits);
  const edit = (patch: ContextEdits) => onEdit({ ...edits, ...patch });
  const why = (field: keyof FindContext): string | undefined => {
    if (field in edits) return t("find.why.edited");
    const source = read?.sources[field];
    if (source === "deal" && read?.deal) return t("find.why.deal", { deal: read.deal.name });
    if (source === "title" && read?.personaTitle) return t("find.why.title", { title: read.personaTitle });
    if (source === "message") return t("find.why.message");
    if (source === "given") return t("find.why.given");
    return read ? t("find.why.none") : undefined;
  };
  const languages = (["en", "ja"] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }));
  return (
    <Paper withBorder p="sm" role="group" aria-labelledby={titleId} data-testid="find-context">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Title order={2} size="h5" id={titleId}>
              {t("find.context")}
            </Title>
            {reading && <Loader size="xs" aria-label={t("find.reading")} />}
          </Group>
          {Object.keys(edits).length > 0 && (
            <Button variant="subtle" size="compact-xs" onClick={() => onEdit({})}>
              {t("find.resetContext")}
            </Button>
          )}
        </Group>
        <Text size="xs" c={failed ? "red" : "dimmed"}>
          {failed ? t("find.readFailed") : t("find.contextHelp")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("facets.stages")}
            description={why("stage")}
            data={options("stage")}
            value={value.stage}
            onChange={(stage) => edit({ stage })}
            clearable
          />
          <Select
            label={t("facets.personas")}
            description={why("persona")}
            data={options("persona")}
            value={value.persona}
            onChange={(persona) => edit({ persona })}
            clearable
          />
          <MultiSelect
            label={t("find.competitors")}
            description={why("competitors")}
            data={options("competitor")}
            value={value.competitors}
            onChange={(competitors) => edit({ competitors })}
            searchable
            clearable
          />
          <MultiSelect
            label={t("find.objections")}
            description={why("objections")}
            data={options("objection")}
            value={value.objections}
            onChange={(objections) => edit({ objections })}
            searchable
            clearable
          />
          <Select
            label={t("facets.language")}
            description={why("language")}
            data={languages}
            value={value.language}
            onChange={(language) =>
              edit({ language: language === "ja" || language === "en" ? language : null })
            }
            clearable
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
