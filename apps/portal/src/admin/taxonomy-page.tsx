import { Button, Group, Table, Tabs, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TaxonomyKind } from "@pitchside/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TaxonomyTermRow } from "../api-types";
import { useTRPC } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { TermModal } from "./term-modal";

/** Stages first: the order the sales process reads in. */
const kindsInTabOrder: readonly TaxonomyKind[] = ["stage", "persona", "competitor", "objection", "industry"];

export function TaxonomyPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const terms = useQuery(trpc.taxonomy.list.queryOptions({}));
  const [kind, setKind] = useState<TaxonomyKind>("stage");
  return (
    <>
      <PageHeader title={t("admin.taxonomy.title")} description={t("admin.taxonomy.intro")} />
      <Tabs
        value={kind}
        onChange={(value) => setKind(kindsInTabOrder.find((k) => k === value) ?? "stage")}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {kindsInTabOrder.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`admin.taxonomy.kinds.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {kindsInTabOrder.map((k) => (
          <Tabs.Panel key={k} value={k}>
            <QueryState query={terms} what={t("admin.taxonomy.what")}>
              {(rows) => <KindTable kind={k} rows={rows.filter((row) => row.kind === k)} />}
            </QueryState>
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}

/** Which kinds carry patterns, and what they are called there. */
const patternsLabel: Partial<Record<TaxonomyKind, "titlePatterns" | "aliases" | "phrases">> = {
  persona: "titlePatterns",
  competitor: "aliases",
  objection: "phrases",
};

function KindTable({ kind, rows }: { kind: TaxonomyKind; rows: TaxonomyTermRow[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<TaxonomyTermRow | "new" | null>(null);
  const [deleting, setDeleting] = useState<TaxonomyTermRow | null>(null);
  const remove = useMutation(
    trpc.taxonomy.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.taxonomy.list.pathFilter());
        notifications.show({ color: "green", message: t("admin.taxonomy.deleted") });
        setDeleting(null);
      },
    }),
  );
  const patterns = patternsLabel[kind];
  const nextOrder = rows.reduce((max, row) => Math.max(max, row.order), 0) + (rows.length > 0 ? 10 : 0);
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {t(`admin.taxonomy.help.${kind}`)}
        </Text>
        <Button onClick={() => setEditing("new")}>{t(`admin.taxonomy.add.${kind}`)}</Button>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{t("admin.taxonomy.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("admin.taxonomy.order")}</Table.Th>
                <Table.Th>{t("admin.taxonomy.key")}</Table.Th>
                <Table.Th>{t("admin.taxonomy.labelEn")}</Table.Th>
                <Table.Th>{t("admin.taxonomy.labelJa")}</Table.Th>
                {patterns && <Table.Th>{t(`admin.taxonomy.${patterns}`)}</Table.Th>}
                <Table.Th>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{row.order}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {row.key}
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.label.en}</Table.Td>
                  <Table.Td lang="ja">{row.label.ja}</Table.Td>
                  {patterns && (
                    <Table.Td maw={320}>
                      <Text size="sm" lineClamp={2}>
                        {row.patterns.join(", ") || "—"}
                      </Text>
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setEditing(row)}
                        aria-label={t("admin.taxonomy.editNamed", { name: row.label.en })}
                      >
                        {t("common.edit")}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setDeleting(row)}
                        aria-label={t("admin.taxonomy.deleteNamed", { name: row.label.en })}
                      >
                        {t("admin.taxonomy.delete")}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <TermModal
          kind={kind}
          term={editing === "new" ? null : editing}
          nextOrder={nextOrder}
          patternsLabel={patterns ? t(`admin.taxonomy.${patterns}`) : null}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t("admin.taxonomy.deleteTitle", { name: deleting?.label.en ?? "" })}
        message={t("admin.taxonomy.deleteBody")}
        confirmLabel={t("admin.taxonomy.delete")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate({ kind, key: deleting.key })}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </>
  );
}
