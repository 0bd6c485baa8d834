import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/** How report figures read in the UI language: shares as percents, lift as a ratio, money in the reporting currency. */
export function useReportFormat(currency = "USD") {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const ratio = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
    const money = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
    const utcDate = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    const orDash =
      <T>(format: (v: T) => string) =>
      (value: T | null) =>
        value === null ? "–" : format(value);
    return {
      percent: orDash((v: number) => percent.format(v)),
      lift: orDash((v: number) => `${ratio.format(v)}×`),
      /** A difference in percentage points, signed ("+12.5"): the caller adds the unit in the UI language. */
      signed: (v: number) => signed.format(v),
      /** A 95 % interval of a rate, "34.2%–100%". */
      interval: orDash(
        (v: { low: number; high: number }) => `${percent.format(v.low)}–${percent.format(v.high)}`,
      ),
      money: (v: number) => money.format(v),
      number: (v: number) => decimal.format(v),
      days: orDash((v: number) => decimal.format(v)),
      date: orDash((v: string) => date.format(new Date(v))),
      /**
       * A day stored as midnight UTC (an expiry date, a period's bound): that day everywhere, not the
       * day before west of Greenwich.
       */
      calendarDate: (v: string) => utcDate.format(new Date(v)),
      dateTime: (v: string) => dateTime.format(new Date(v)),
      seconds: (ms: number) => decimal.format(ms / 1000),
    };
  }, [locale, currency]);
}
