import { Group, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The report period in the address (?from=&to=, whole days, `to` included); the last 365 days by default. */
/** Sets one search parameter in place (the report's state lives in the address, not in history). */
function useSetParam() {
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(name, value);
        return next;
      },
      { replace: true },
    );
  return [params, set] as const;
}

export function useReportPeriod() {
  const [params, set] = useSetParam();
  const to = isDay(params.get("to")) ? (params.get("to") as string) : day(Date.now());
  const from = isDay(params.get("from"))
    ? (params.get("from") as string)
    : day(Date.parse(to) - 364 * DAY_MS);
  const setDay = (name: "from" | "to") => (value: string) => {
    if (isDay(value)) set(name, value);
  };
  return { from, to, setFrom: setDay("from"), setTo: setDay("to") };
}

/** Another search parameter of the report page, limited to `options`. */
export function useReportParam<T extends string>(name: string, options: readonly T[], fallback: T) {
  const [params, set] = useSetParam();
  const raw = params.get(name);
  const value = options.includes(raw as T) ? (raw as T) : fallback;
  return [value, (next: T) => set(name, next)] as const;
}

export function PeriodControls({ period }: { period: ReturnType<typeof useReportPeriod> }) {
  const { t } = useTranslation("analytics");
  return (
    // on paper the printout's header names the period instead
    <Group gap="xs" align="flex-end" className="no-print">
      <TextInput
        type="date"
        label={t("period.from")}
        value={period.from}
        max={period.to}
        onChange={(e) => period.setFrom(e.currentTarget.value)}
      />
      <TextInput
        type="date"
        label={t("period.to")}
        value={period.to}
        min={period.from}
        onChange={(e) => period.setTo(e.currentTarget.value)}
      />
    </Group>
  );
}
