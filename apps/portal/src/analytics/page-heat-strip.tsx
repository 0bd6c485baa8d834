import { Group, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** One cell per page, darker where prospects spent more active time. */
export function PageHeatStrip({ pages }: { pages: readonly { page: number; activeMs: number }[] }) {
  const { t } = useTranslation("analytics");
  if (pages.length === 0) return <>–</>;
  const last = Math.max(...pages.map((p) => p.page));
  const most = Math.max(...pages.map((p) => p.activeMs), 1);
  const byPage = new Map(pages.map((p) => [p.page, p.activeMs]));
  return (
    <Group gap={2} wrap="nowrap">
      {Array.from({ length: Math.min(last, 60) }, (_, i) => i + 1).map((page) => {
        const ms = byPage.get(page) ?? 0;
        const hint = t("usage.heatHint", { page, seconds: Math.round(ms / 100) / 10 });
        return (
          <Tooltip key={page} label={hint}>
            <span
              role="img"
              aria-label={hint}
              style={{
                display: "inline-block",
                width: 10,
                height: 18,
                borderRadius: 2,
                background: `rgba(230, 73, 0, ${0.08 + 0.92 * (ms / most)})`,
              }}
            />
          </Tooltip>
        );
      })}
    </Group>
  );
}
