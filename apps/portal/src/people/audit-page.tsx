import { Group, Pagination, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../api-types";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";

const PAGE_SIZE = 50;

/** The audit log's filters: which kinds of thing an entry is about. */
const filters = {
  all: undefined,
  people: ["user", "team"],
  content: ["asset", "collection", "taxonomy", "content_request"],
  sharing: ["share_link", "deal_room"],
} as const;
type Filter = keyof typeof filters;

export function AuditPage() {
  const { t } = useTranslation("people");
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>("all");
  const [page, setPage] = useState(1);
  const entities = filters[filter];
  const audit = useQuery({
    ...trpc.audit.list.queryOptions({
      ...(entities ? { entities: [...entities] } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t("audit.title")} description={t("audit.intro")} />
      <Stack gap="md">
        <SegmentedControl
          aria-label={t("audit.filter")}
          w="fit-content"
          value={filter}
          onChange={(value) => {
            setFilter(value as Filter);
            setPage(1);
          }}
          data={(Object.keys(filters) as Filter[]).map((key) => ({ value: key, label: t(`audit.${key}`) }))}
        />
        <QueryState query={audit} what={t("audit.what")}>
          {({ entries, total }) =>
            entries.length === 0 ? (
              <Text c="dimmed">{t("audit.none")}</Text>
            ) : (
              <>
                <AuditTable entries={entries} />
                {total > PAGE_SIZE && (
                  <Group gap="sm">
                    <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} />
                    <Text size="sm" c="dimmed">
                      {t("audit.page", { page, pages: Math.ceil(total / PAGE_SIZE) })}
                    </Text>
                  </Group>
                )}
              </>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation("people");
  const format = useFormat();
  // an action this catalog does not name yet shows as recorded
  const actionName = (action: string) =>
    i18n.exists(`audit.actions.${action}`, { ns: "people" })
      ? t(`audit.actions.${action}` as "audit.actions.user.create")
      : action;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("audit.time")}</Table.Th>
            <Table.Th>{t("audit.actor")}</Table.Th>
            <Table.Th>{t("audit.action")}</Table.Th>
            <Table.Th>{t("audit.target")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(entry.at)}</Table.Td>
              <Table.Td>{entry.actorName ?? t("audit.system")}</Table.Td>
              <Table.Td>{actionName(entry.action)}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                {entry.targetName ?? entry.entityId ?? "—"}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
