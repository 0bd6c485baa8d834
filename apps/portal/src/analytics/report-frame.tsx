import { Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Outlet, useMatches } from "react-router";
import { useFormat } from "../i18n/format";
import { useReportPeriod } from "./report-period";

/** What an analytics route's `handle` says about its printout: the report's name and whether it has a period. */
export interface ReportHandle {
  report:
    | "nav.influence"
    | "nav.usage"
    | "nav.gaps"
    | "nav.settings"
    | "nav.myUsage"
    | "nav.signals"
    | "nav.summary";
  period?: boolean;
}

const isReportHandle = (handle: unknown): handle is ReportHandle =>
  typeof handle === "object" && handle !== null && "report" in handle;

/**
 * Around every analytics page: a print button, and the header a printout starts with (the report's
 * name and period), shown only on paper. The print stylesheet (global.css) drops the shell.
 */
export function ReportFrame() {
  const { t } = useTranslation("analytics");
  const format = useFormat();
  const period = useReportPeriod();
  const handle = useMatches()
    .map((match) => match.handle)
    .filter(isReportHandle)
    .at(-1);
  if (!handle) return <Outlet />;
  return (
    <>
      <Text className="print-only" size="sm" c="dimmed" mb="xs" data-testid="print-header">
        {handle.period === false
          ? `Pitchside · ${t(handle.report)}`
          : `Pitchside · ${t("print.header", { report: t(handle.report), period: format.period(period.from, period.to) })}`}
      </Text>
      <Group justify="flex-end" className="no-print" mb="xs">
        <Button size="xs" variant="default" onClick={() => window.print()}>
          {t("print.button")}
        </Button>
      </Group>
      <Outlet />
    </>
  );
}
