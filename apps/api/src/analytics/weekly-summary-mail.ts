import type { WeeklySummary } from "./weekly-summary";

const DAY_MS = 86_400_000;

const phrases = {
  en: {
    subject: (range: string) => `Pitchside weekly summary: ${range}`,
    intro: (range: string) => `Your content for the week of ${range}.`,
    top: "Top content by influenced revenue",
    noTop: "No content touched a deal this week.",
    deals: (won: number, touched: number) => `won ${won} of ${touched} deals touched`,
    newGaps: "New gaps",
    queries: "Searches that found nothing (new this week)",
    cells: "Stage × persona pairs newly without content",
    expired: "Expired this week",
    noNewGaps: "No new gaps this week.",
    unused: (n: number) => `Published assets nobody used in the last 28 days: ${n}`,
    link: "See the summary",
    and: (n: number) => `… and ${n} more`,
  },
  ja: {
    subject: (range: string) => `Pitchside 週次サマリー: ${range}`,
    intro: (range: string) => `${range}の週のコンテンツ状況です。`,
    top: "影響した売上の多いコンテンツ",
    noTop: "今週、商談に使われたコンテンツはありません。",
    deals: (won: number, touched: number) => `使われた商談 ${touched} 件中 ${won} 件受注`,
    newGaps: "新しいギャップ",
    queries: "結果のなかった検索（今週新たに）",
    cells: "新たに資料がなくなったステージ × ペルソナ",
    expired: "今週期限切れになった資料",
    noNewGaps: "今週、新しいギャップはありません。",
    unused: (n: number) => `過去28日間に使われていない公開資料: ${n} 件`,
    link: "サマリーを見る",
    and: (n: number) => `…ほか ${n} 件`,
  },
} as const;

/** "9 Nov 2026 – 15 Nov 2026" / "2026年11月9日～2026年11月15日": the week's Monday to Sunday. */
export function weekRangeLabel(summary: Pick<WeeklySummary, "from" | "to">, locale: "en" | "ja") {
  const format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    timeZone: "UTC",
    year: "numeric",
    month: locale === "ja" ? "long" : "short",
    day: "numeric",
  });
  // ICU's Japanese ranges are numeric (2026/11/09～2026/11/15): both ends are written out instead
  const last = new Date(Date.parse(summary.to) - DAY_MS);
  return `${format.format(new Date(summary.from))}${locale === "ja" ? "～" : " – "}${format.format(last)}`;
}

/** The summary as a plain-text email in the recipient's language, with a link to its page. */
export function weeklySummaryMessage(summary: WeeklySummary, locale: "en" | "ja", publicUrl: string) {
  const p = phrases[locale];
  const range = weekRangeLabel(summary, locale);
  const money = new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", {
    style: "currency",
    currency: summary.currency,
  });
  const list = <T>(items: T[], line: (item: T) => string, total = items.length) => [
    ...items.map((i) => `  - ${line(i)}`),
    ...(total > items.length ? [`  ${p.and(total - items.length)}`] : []),
  ];
  const lines = [p.intro(range), "", p.top];
  lines.push(
    ...(summary.topContent.length === 0
      ? [`  ${p.noTop}`]
      : list(
          summary.topContent,
          (t) =>
            `${(locale === "ja" && t.titleJa) || t.title}: ${money.format(t.influencedRevenue)} (${p.deals(t.won, t.dealsTouched)})`,
        )),
  );
  const { zeroResultQueries, uncoveredCells, expiredAssets } = summary.newGaps;
  lines.push("", p.newGaps);
  if (zeroResultQueries.length + (uncoveredCells?.length ?? 0) + expiredAssets.length === 0)
    lines.push(`  ${p.noNewGaps}`);
  if (zeroResultQueries.length > 0)
    lines.push(`  ${p.queries}`, ...list(zeroResultQueries, (q) => `"${q.query}" (${q.searches})`));
  if (uncoveredCells && uncoveredCells.length > 0)
    lines.push(
      `  ${p.cells}`,
      ...list(uncoveredCells, (c) => `${c.stageLabel[locale]} × ${c.personaLabel[locale]}`),
    );
  if (expiredAssets.length > 0) lines.push(`  ${p.expired}`, ...list(expiredAssets, (a) => a.title));
  lines.push("", p.unused(summary.unusedCount));
  lines.push(...list(summary.unusedAssets.slice(0, 5), (a) => a.title, summary.unusedCount));
  lines.push("", `${p.link}: ${publicUrl}/analytics/summary?week=${summary.week}`, "");
  return { subject: p.subject(range), text: lines.join("\n") };
}
