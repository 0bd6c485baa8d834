import { List, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeatStrip } from "../analytics/page-heat-strip";
import { useFormat } from "../i18n/format";
import { useDuration } from "./duration";

/** A labelled value in a details panel. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </Stack>
  );
}

interface Engagement {
  opens: number;
  uniqueVisitors: number;
  activeMs: number;
  lastSeenAt: string | null;
  pages: readonly { page: number; activeMs: number }[];
  emails: readonly string[];
}

/** What prospects did with one link: opens, visitors, time (in all and per page), and gate emails. */
export function EngagementFacts({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation("links");
  const format = useFormat();
  const duration = useDuration();
  const top = [...e.pages].sort((a, b) => b.activeMs - a.activeMs).slice(0, 5);
  return (
    <Stack gap="md">
      <SimpleGrid cols={2} spacing="sm">
        <Fact label={t("details.opens")}>{format.number(e.opens)}</Fact>
        <Fact label={t("details.visitors")}>{format.number(e.uniqueVisitors)}</Fact>
        <Fact label={t("details.time")}>{duration(e.activeMs)}</Fact>
        <Fact label={t("details.lastSeen")}>{e.lastSeenAt ? format.dateTime(e.lastSeenAt) : t("never")}</Fact>
      </SimpleGrid>
      <Fact label={t("details.pages")}>
        {e.pages.length === 0 ? (
          t("details.noPages")
        ) : (
          <Stack gap={6} mt={4}>
            <PageHeatStrip pages={e.pages} />
            <List size="sm" spacing={2}>
              {top.map((p) => (
                <List.Item key={p.page}>
                  {t("details.page", { page: p.page, time: duration(p.activeMs) })}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Fact>
      <Fact label={t("details.emails")}>
        {e.emails.length === 0 ? t("details.noEmails") : e.emails.join(", ")}
      </Fact>
    </Stack>
  );
}
