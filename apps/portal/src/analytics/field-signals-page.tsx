import { Accordion, Anchor, Group, List, Paper, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RouterOutputs } from "../api-types";
import { useReportFormat } from "../i18n/report-format";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { PeriodControls, useReportParam, useReportPeriod } from "./report-period";
import { type ReportColumn, ReportTable } from "./report-table";

type Report = RouterOutputs["analytics"]["fieldSignals"];
type Signal = Report["rows"][number];
type Label = { en: string; ja: string };
interface GroupRow {
  signal: Signal;
  key: string | null;
  mentions: number;
}
interface CoverageRow {
  signal: Signal;
  stage: string;
  stageLabel: Label;
  external: number;
  internal: number;
}

const groupings = ["week", "stage", "industry", "team"] as const;
const kinds = ["all", "competitor", "objection"] as const;

/** Competitors and objections reps' messages named (read in the browser, only the taxonomy keys sent). */
export function FieldSignalsPage() {
  const { t, i18n } = useTranslation("analytics");
  const trpc = useTRPC();
  const period = useReportPeriod();
  const [groupBy, setGroupBy] = useReportParam("by", groupings, "week");
  const [kind, setKind] = useReportParam("kind", kinds, "all");
  const query = useQuery(
    trpc.analytics.fieldSignals.queryOptions({
      from: period.from,
      to: period.to,
      groupBy,
      ...(kind === "all" ? {} : { kind }),
    }),
  );
  const format = useReportFormat();
  const ja = i18n.language === "ja";
  const label = (l: Label) => (ja ? l.ja : l.en);
  const suffix = `${period.from}-${period.to}.csv`;

  const signalColumn: ReportColumn<{ signal: Signal }> = {
    id: "signal",
    header: t("signals.columns.signal"),
    value: (r) => label(r.signal.label),
  };
  const kindColumn: ReportColumn<{ signal: Signal }> = {
    id: "kind",
    header: t("signals.columns.kind"),
    value: (r) => t(`signals.kinds.${r.signal.kind}`),
  };
  /** A win rate, or "not enough deals" below the minimum sample (the CSV keeps the figure). */
  const rateColumn = (id: "winRateWith" | "winRateWithout"): ReportColumn<{ signal: Signal }> => ({
    id,
    header: t(`signals.columns.${id}`),
    value: (r) => r.signal[id],
    display: (r) =>
      r.signal.enoughDeals ? (
        format.percent(r.signal[id])
      ) : (
        <Text span size="sm" c="dimmed">
          {t("signals.notEnough")}
        </Text>
      ),
    numeric: true,
  });
  const count = (
    id: string,
    header: string,
    pick: (s: Signal) => number,
  ): ReportColumn<{ signal: Signal }> => ({ id, header, value: (r) => pick(r.signal), numeric: true });

  const signalColumns = (report: Report): ReportColumn<{ signal: Signal }>[] => [
    signalColumn,
    kindColumn,
    count("mentions", t("signals.columns.mentions"), (s) => s.mentions),
    count("previous", t("signals.columns.previous"), (s) => s.previousMentions),
    {
      id: "change",
      header: t("signals.columns.change"),
      value: (r) => r.signal.change,
      display: (r) =>
        r.signal.change === null
          ? "–"
          : `${r.signal.change > 0 ? "+" : ""}${format.percent(r.signal.change)}`,
      numeric: true,
    },
    count("deals", t("signals.columns.deals"), (s) => s.deals),
    count("reps", t("signals.columns.reps"), (s) => s.reps),
    count("wonWith", t("signals.columns.wonWith"), (s) => s.wonWith),
    count("lostWith", t("signals.columns.lostWith"), (s) => s.lostWith),
    rateColumn("winRateWith"),
    rateColumn("winRateWithout"),
    count("helped", t("signals.columns.helped"), (s) => s.marks.helped),
    count("notHelpful", t("signals.columns.notHelpful"), (s) => s.marks.notHelpful),
    count("external", t("signals.columns.external"), (s) => s.coverage.external),
    count("internal", t("signals.columns.internal"), (s) => s.coverage.internal),
    {
      id: "weekly",
      header: t("signals.columns.weekly"),
      // the CSV holds every week's count, oldest first
      value: (r) => r.signal.weekly.join(" "),
      display: (r) => <WeeklyBars weekly={r.signal.weekly} weeks={report.weeks} />,
    },
  ];

  const groupName = (report: Report, key: string | null) => {
    if (report.groupBy === "week") return key === null ? t("none") : format.date(key);
    const found = report.groupLabels.find((g) => g.key === key)?.label;
    return found ? label(found) : t(`signals.noGroup.${report.groupBy}`);
  };
  const groupColumns = (report: Report): ReportColumn<GroupRow>[] => [
    signalColumn,
    kindColumn,
    {
      id: "group",
      header: t(`signals.groups.${report.groupBy}`),
      // weeks as ISO dates in the file (a spreadsheet reads them as dates), localized on the page
      value: (r) => (report.groupBy === "week" ? r.key : groupName(report, r.key)),
      display: (r) => groupName(report, r.key),
    },
    { id: "mentions", header: t("signals.columns.mentions"), value: (r) => r.mentions, numeric: true },
  ];

  const requestLink = (r: CoverageRow) => {
    const signal = label(r.signal.label);
    const stage = label(r.stageLabel);
    const params = new URLSearchParams({
      new: "1",
      q: t("signals.request.title", { signal, stage }),
      details: t("signals.request.details", {
        signal,
        stage,
        mentions: r.signal.mentions,
        external: r.external,
        internal: r.internal,
      }),
    });
    return `/requests?${params}`;
  };
  const gapOf = (r: CoverageRow) =>
    r.external === 0 && r.internal === 0
      ? t("signals.gap.none")
      : r.external === 0
        ? t("signals.gap.external")
        : r.internal === 0
          ? t("signals.gap.internal")
          : t("signals.gap.covered");
  const coverageColumns: ReportColumn<CoverageRow>[] = [
    signalColumn,
    { id: "stage", header: t("columns.stage"), value: (r) => label(r.stageLabel) },
    { id: "external", header: t("signals.columns.external"), value: (r) => r.external, numeric: true },
    { id: "internal", header: t("signals.columns.internal"), value: (r) => r.internal, numeric: true },
    {
      id: "gap",
      header: t("signals.columns.gap"),
      value: gapOf,
      display: (r) =>
        r.external > 0 && r.internal > 0 ? (
          gapOf(r)
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Text span size="sm">
              {gapOf(r)}
            </Text>
            <Anchor component={Link} to={requestLink(r)} size="sm">
              {t("signals.requestContent")}
            </Anchor>
          </Group>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("signals.title")}
        description={t("signals.intro")}
        actions={<PeriodControls period={period} />}
      />
      <Stack gap="lg">
        <Group justify="space-between" align="flex-end">
          <Select
            label={t("signals.groupBy")}
            value={groupBy}
            allowDeselect={false}
            onChange={(value) => value && setGroupBy(value as typeof groupBy)}
            data={groupings.map((g) => ({ value: g, label: t(`signals.groups.${g}`) }))}
          />
          <SegmentedControl
            aria-label={t("signals.kind")}
            value={kind}
            onChange={(value) => setKind(value as typeof kind)}
            data={kinds.map((k) => ({ value: k, label: t(`signals.kindFilter.${k}`) }))}
          />
        </Group>
        <QueryState query={query} what={t("signals.title")}>
          {(report) => {
            // what the field heard: signals named in the period (the taxonomy's others stay out of the way)
            const heard = report.rows.filter((s) => s.mentions > 0).map((signal) => ({ signal }));
            const grouped: GroupRow[] = heard.flatMap(({ signal }) =>
              signal.groups.map((g) => ({ signal, key: g.key, mentions: g.mentions })),
            );
            const coverage: CoverageRow[] = heard.flatMap(({ signal }) =>
              signal.coverage.stages.map((c) => ({
                signal,
                stage: c.stage,
                stageLabel: report.stages.find((s) => s.key === c.stage)?.label ?? {
                  en: c.stage,
                  ja: c.stage,
                },
                external: c.external,
                internal: c.internal,
              })),
            );
            return (
              <>
                <Text size="sm">
                  {t("signals.closed", {
                    won: report.closed.won,
                    lost: report.closed.lost,
                    rate: format.percent(report.closed.winRate),
                    from: format.calendarDate(report.previousPeriod.from),
                    // the period's end is exclusive: its last day is the one before
                    to: format.calendarDate(new Date(Date.parse(report.previousPeriod.to) - 1).toISOString()),
                  })}
                </Text>
                <Paper withBorder p="md" radius="md">
                  <ReportTable
                    caption={t("signals.table")}
                    columns={signalColumns(report)}
                    rows={heard}
                    rowKey={(r) => `${r.signal.kind}:${r.signal.key}`}
                    fileName={`field-signals-${suffix}`}
                  />
                </Paper>
                <Paper withBorder p="md" radius="md">
                  <ReportTable
                    caption={t("signals.byGroup", { group: t(`signals.groups.${report.groupBy}`) })}
                    columns={groupColumns(report)}
                    rows={grouped}
                    rowKey={(r) => `${r.signal.kind}:${r.signal.key}:${r.key}`}
                    fileName={`field-signals-by-${report.groupBy}-${suffix}`}
                  />
                </Paper>
                <Paper withBorder p="md" radius="md">
                  <ReportTable
                    caption={t("signals.coverage")}
                    columns={coverageColumns}
                    rows={coverage}
                    rowKey={(r) => `${r.signal.kind}:${r.signal.key}:${r.stage}`}
                    fileName={`field-signals-coverage-${suffix}`}
                  />
                  <Text size="xs" c="dimmed" mt="xs">
                    {t("signals.coverageHint")}{" "}
                    <Anchor
                      component={Link}
                      to={`/analytics/gaps?from=${period.from}&to=${period.to}`}
                      size="xs"
                    >
                      {t("signals.gapsLink")}
                    </Anchor>
                  </Text>
                </Paper>
                <SignalsHelp minDeals={report.minDeals} />
              </>
            );
          }}
        </QueryState>
      </Stack>
    </>
  );
}

/** Mentions per week as a row of bars, each with its week and count as a tooltip-like title. */
function WeeklyBars({ weekly, weeks }: { weekly: number[]; weeks: string[] }) {
  const { t } = useTranslation("analytics");
  const format = useReportFormat();
  const max = Math.max(1, ...weekly);
  return (
    <Group gap={1} wrap="nowrap" align="flex-end" h={20} aria-hidden>
      {weekly.map((n, i) => (
        <div
          key={weeks[i]}
          title={t("signals.weekHint", { week: format.date(weeks[i] ?? null), count: n })}
          style={{
            width: 3,
            height: Math.max(1, Math.round((n / max) * 20)),
            background: n > 0 ? "var(--mantine-color-blue-6)" : "var(--mantine-color-gray-3)",
          }}
        />
      ))}
    </Group>
  );
}

/** What each figure means, in the user's language. */
function SignalsHelp({ minDeals }: { minDeals: number }) {
  const { t } = useTranslation("analytics");
  return (
    <Accordion variant="contained">
      <Accordion.Item value="help">
        <Accordion.Control>{t("help.title")}</Accordion.Control>
        <Accordion.Panel>
          <List spacing="xs" size="sm">
            <List.Item>{t("signals.help.privacy")}</List.Item>
            <List.Item>{t("signals.help.mentions")}</List.Item>
            <List.Item>{t("signals.help.trend")}</List.Item>
            <List.Item>{t("signals.help.winRate", { min: minDeals })}</List.Item>
            <List.Item>{t("signals.help.coverage")}</List.Item>
          </List>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
