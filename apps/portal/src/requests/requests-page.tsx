import { Button, SegmentedControl, Stack, Tabs, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { canCurate } from "../session/roles";
import { useCurrentUser } from "../session/session";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { NewRequestModal } from "./new-request-modal";
import { QueueActions } from "./queue-actions";
import { RequestCard } from "./request-card";
import type { ContentRequest, RequestStatus } from "./request-types";

/** Reps' own requests (and the form to ask); for marketing also the queue to work through. */
export function RequestsPage() {
  const { t } = useTranslation("requests");
  const marketing = canCurate(useCurrentUser().role);
  const [params, setParams] = useSearchParams();
  const asking = params.get("new") === "1";
  const closeForm = () =>
    setParams(
      (current) => {
        current.delete("new");
        current.delete("q");
        current.delete("details");
        return current;
      },
      { replace: true },
    );
  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={t("title")}
        description={marketing ? t("introMarketing") : t("intro")}
        actions={<Button onClick={() => setParams({ new: "1" })}>{t("new")}</Button>}
      />
      {marketing ? (
        <Tabs defaultValue="queue" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="queue">{t("queue.tab")}</Tabs.Tab>
            <Tabs.Tab value="mine">{t("mine.tab")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="queue">
            <Queue />
          </Tabs.Panel>
          <Tabs.Panel value="mine">
            <MyRequests />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <MyRequests />
      )}
      {asking && (
        <NewRequestModal query={params.get("q") ?? ""} details={params.get("details")} onClose={closeForm} />
      )}
    </Stack>
  );
}

function RequestList({
  rows,
  empty,
  marketing,
}: {
  rows: ContentRequest[];
  empty: string;
  marketing?: boolean;
}) {
  if (rows.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
      {rows.map((request) => (
        <RequestCard
          key={request.id}
          request={request}
          actions={marketing && <QueueActions request={request} />}
        />
      ))}
    </Stack>
  );
}

function MyRequests() {
  const { t } = useTranslation("requests");
  const trpc = useTRPC();
  const mine = useQuery(trpc.requests.mine.queryOptions({}));
  return (
    <QueryState query={mine} what={t("mine.what")}>
      {(rows) => <RequestList rows={rows} empty={t("mine.none")} />}
    </QueryState>
  );
}

type QueueFilter = "active" | "answered" | "declined" | "all";
const filters: Record<QueueFilter, RequestStatus[] | undefined> = {
  active: ["open", "in_progress"],
  answered: ["answered"],
  declined: ["declined"],
  all: undefined,
};

function Queue() {
  const { t } = useTranslation("requests");
  const trpc = useTRPC();
  const [filter, setFilter] = useState<QueueFilter>("active");
  const queue = useQuery(trpc.requests.queue.queryOptions({ status: filters[filter] }));
  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label={t("queue.filter")}
        value={filter}
        onChange={(value) => setFilter(value as QueueFilter)}
        data={(Object.keys(filters) as QueueFilter[]).map((value) => ({
          value,
          label: t(`queue.filters.${value}`),
        }))}
        style={{ alignSelf: "flex-start" }}
      />
      <QueryState query={queue} what={t("queue.what")}>
        {(rows) => <RequestList rows={rows} empty={t("queue.none")} marketing />}
      </QueryState>
    </Stack>
  );
}
