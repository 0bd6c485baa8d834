import { Anchor, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useReportFormat } from "../i18n/report-format";
import { useTRPC } from "../trpc";
import { QueryState } from "../ui/query-state";

interface DealUse {
  status: "open" | "won" | "lost";
  amount: number | null;
  counted: boolean;
}

/** Deals this asset touched before they closed (the last twelve months), and the won revenue they brought. */
export function summarizeUse(deals: readonly DealUse[]) {
  const counted = deals.filter((d) => d.counted);
  const won = counted.filter((d) => d.status === "won");
  const lost = counted.filter((d) => d.status === "lost").length;
  return {
    dealsTouched: counted.length,
    won: won.length,
    lost,
    winRate: won.length + lost > 0 ? won.length / (won.length + lost) : null,
    wonRevenue: won.reduce((sum, d) => sum + (d.amount ?? 0), 0),
  };
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}

/** For marketers: how the asset does in deals, with the way to the full drill-down. */
export function AssetUsage({ assetId }: { assetId: string }) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const query = useQuery(trpc.analytics.assetDeals.queryOptions({ assetId }));
  return (
    <QueryState query={query} what={t("usage.what")}>
      {(data) => <Figures deals={data.deals} currency={data.currency} assetId={assetId} />}
    </QueryState>
  );
}

function Figures({ deals, currency, assetId }: { deals: DealUse[]; currency: string; assetId: string }) {
  const { t } = useTranslation("library");
  const format = useReportFormat(currency);
  const use = summarizeUse(deals);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2} spacing="sm">
        <Figure label={t("usage.dealsTouched")} value={format.number(use.dealsTouched)} />
        <Figure
          label={t("usage.wonLost")}
          value={t("usage.wonLostValue", { won: use.won, lost: use.lost })}
        />
        <Figure label={t("usage.winRate")} value={format.percent(use.winRate)} />
        <Figure label={t("usage.wonRevenue")} value={format.money(use.wonRevenue)} />
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t("usage.help", { currency })}
        </Text>
        <Anchor component={Link} to={`/analytics/assets/${assetId}`} size="sm">
          {t("usage.details")}
        </Anchor>
      </Group>
    </Stack>
  );
}
