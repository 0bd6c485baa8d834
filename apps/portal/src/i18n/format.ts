import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day (`2026-11-02`) is the same day everywhere: read and shown in UTC, not shifted by the time zone. */
const zoneOf = (iso: string) => (DATE_ONLY.test(iso) ? "UTC" : undefined);

/**
 * Dates and numbers in `locale`; API dates arrive as ISO strings (instants, or calendar days such as a
 * report period or a chart's day and week buckets).
 */
export function createFormat(locale: string, t: TFunction) {
  const formats = new Map<string, Intl.DateTimeFormat>();
  const dateFormat = (options: Intl.DateTimeFormatOptions, iso: string) => {
    const timeZone = zoneOf(iso);
    const key = `${JSON.stringify(options)}|${timeZone}`;
    let format = formats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      formats.set(key, format);
    }
    return format;
  };
  const shortDay = { month: "short", day: "numeric" } as const;
  const longDay = { year: "numeric", month: "short", day: "numeric" } as const;
  const number = new Intl.NumberFormat(locale);
  const day = (iso: string, withYear = false) =>
    dateFormat(withYear ? longDay : shortDay, iso).format(new Date(iso));
  return {
    date: (iso: string) => dateFormat({ dateStyle: "medium" }, iso).format(new Date(iso)),
    dateTime: (iso: string) =>
      dateFormat({ dateStyle: "medium", timeStyle: "short" }, iso).format(new Date(iso)),
    time: (iso: string) => dateFormat({ timeStyle: "short" }, iso).format(new Date(iso)),
    number: (value: number) => number.format(value),
    /** A day without its year unless asked ("Nov 2", "11月2日"): chart axes. */
    day,
    /** A week by its first day ("Week of Nov 2", "11月2日の週"). */
    weekOf: (iso: string, withYear = false) => t("format.weekOf", { date: day(iso, withYear) }),
    /** A chart bucket: a day, or the week starting that day. */
    bucket: (iso: string, step: "day" | "week", withYear = false) =>
      step === "week" ? t("format.weekOf", { date: day(iso, withYear) }) : day(iso, withYear),
    /** Two calendar days as one range ("Jan 1 – Dec 31, 2026", "2026/01/01～2026/12/31"). */
    period: (from: string, to: string) =>
      dateFormat({ dateStyle: "medium" }, from).formatRange(new Date(from), new Date(to)),
  };
}

export type Format = ReturnType<typeof createFormat>;

/** Dates and numbers in the current UI language. */
export function useFormat(): Format {
  const { i18n, t } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => createFormat(locale, t), [locale, t]);
}
