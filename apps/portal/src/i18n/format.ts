import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/** Dates and numbers in the current UI language; API dates arrive as ISO strings. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    const time = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
    const number = new Intl.NumberFormat(locale);
    return {
      date: (iso: string) => date.format(new Date(iso)),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      time: (iso: string) => time.format(new Date(iso)),
      number: (value: number) => number.format(value),
    };
  }, [locale]);
}
