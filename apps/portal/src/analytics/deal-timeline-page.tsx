import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { RouterOutputs } from "../api-types";
import { useStageLabel } from "../deals/deal-select";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { type CsvColumn, downloadCsv, toCsv } from "./csv";
import { surfaceLabel } from "./surface-label";

type Entry = RouterOutputs["analytics"]["dealTimeline"]["entries"][number];

/** Entries (in time order) under the day they happened, in the user's time zone. */
function byDay(entries: readonly Entry[], dayOf: (iso: string) => string) {
  const days: { day: string; first: string; entries: Entry[] }[] = [];
  for (const e of entries) {
    const day = dayOf(e.at);
    const last = days.at(-1);
    if (last?.day === day) last.entries.push(e);
    else days.push({ day, first: e.at, entries: [e] });
  }
  return days;
}

/** Drill-down from a deal: its stage changes and content use, one entry per action, by day. */
export function DealTimelinePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const query = useQuery(trpc.analytics.dealTimeline.queryOptions({ dealId: id }));
  const format = useFormat();
  const stageLabel = useStageLabel();
  const what = (e: Entry) => {
    if (e.kind === "stage") {
      return e.fromStage
        ? t("drill.stageChanged", { from: stageLabel(e.fromStage), to: stageLabel(e.toStage ?? "") })
        : t("drill.stageSet", { to: stageLabel(e.toStage ?? "") });
    }
    const title = e.assetTitle ?? "";
    if (e.type === "prospect_read") {
      return t("drill.prospectRead", {
        title,
        count: e.pagesRead ?? 0,
        pages: format.number(e.pagesRead ?? 0),
        seconds: format.number(Math.round((e.activeMs ?? 0) / 1000)),
      });
    }
    const label = t(`events.${e.type}` as "events.shared", { defaultValue: t("events.other") });
    return title ? `${label}: ${title}` : label;
  };
  const who = (e: Entry) => e.userName ?? (e.surface === "viewer" ? t("drill.prospect") : "");
  const where = (e: Entry) => (e.surface ? surfaceLabel(t, e.surface) : "");
  const columns: CsvColumn<Entry>[] = [
    { header: t("columns.at"), value: (e) => e.at },
    { header: t("columns.event"), value: what },
    { header: t("columns.user"), value: who },
    { header: t("columns.surface"), value: where },
    { header: t("drill.afterClose"), value: (e) => (e.afterClose ? t("yes") : t("no")) },
  ];
  return (
    <QueryState query={query} what={t("nav.influence")}>
      {(data) => (
        <>
          <PageHeader
            title={t("drill.dealTitle", { name: data.deal.name })}
            description={t("drill.dealIntro")}
          />
          <Paper withBorder p="md" radius="md">
            <Group justify="flex-end" mb="xs">
              <Button
                size="xs"
                variant="light"
                disabled={data.entries.length === 0}
                onClick={() => downloadCsv(`deal-timeline-${id}.csv`, toCsv(columns, data.entries))}
              >
                {t("csv.export")}
              </Button>
            </Group>
            {data.entries.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t("noData")}
              </Text>
            ) : (
              <Stack gap="md">
                {byDay(data.entries, format.date).map((day) => (
                  <section key={day.first} aria-label={day.day}>
                    <Title order={2} size="h5" mb={4}>
                      <time dateTime={day.first}>{day.day}</time>
                    </Title>
                    <Table withTableBorder striped>
                      <Table.Tbody>
                        {day.entries.map((e) => (
                          <Table.Tr key={e.id}>
                            <Table.Td w={90}>
                              <time dateTime={e.at}>{format.time(e.at)}</time>
                            </Table.Td>
                            <Table.Td>
                              {what(e)}{" "}
                              {e.afterClose && (
                                <Badge color="gray" size="sm">
                                  {t("drill.afterClose")}
                                </Badge>
                              )}
                            </Table.Td>
                            <Table.Td>{who(e)}</Table.Td>
                            <Table.Td>{where(e)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </section>
                ))}
              </Stack>
            )}
          </Paper>
        </>
      )}
    </QueryState>
  );
}
