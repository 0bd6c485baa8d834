import { useTranslation } from "react-i18next";

/** Reading time as people say it ("2 min 5 s", "2分5秒"); nothing read is a dash. */
export function useDuration() {
  const { t } = useTranslation("links");
  return (ms: number): string => {
    if (ms <= 0) return t("none");
    const total = Math.max(1, Math.round(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0) return t("duration.hours", { h, m });
    if (m > 0) return t("duration.minutes", { m, s });
    return t("duration.seconds", { s });
  };
}
