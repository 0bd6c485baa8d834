import { Badge, Button, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TokenRow } from "../api-types";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { QueryState } from "../ui/query-state";

/** Extension tokens with revoke: the signed-in user's own, or everyone's (`all`, admins). */
export function TokenList({ all }: { all: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.tokens.list.queryOptions({ all }));
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.tokens.list.pathFilter());
        notifications.show({ color: "green", message: t("tokens.revoked") });
        setRevoking(null);
      },
    }),
  );
  const close = () => {
    setRevoking(null);
    revoke.reset();
  };

  return (
    <>
      <QueryState query={tokens} what={t("tokens.what")}>
        {(rows) =>
          rows.length === 0 ? (
            <Text c="dimmed">{all ? t("tokens.noneAll") : t("tokens.noneMine")}</Text>
          ) : (
            <TokensTable rows={rows} showUser={all} onRevoke={setRevoking} />
          )
        }
      </QueryState>
      <ConfirmDialog
        opened={revoking !== null}
        title={t("tokens.revokeTitle")}
        message={t(all ? "tokens.revokeBodyAll" : "tokens.revokeBodyMine", {
          name: revoking?.name ?? "",
          email: revoking?.userEmail ?? "",
        })}
        confirmLabel={t("tokens.revoke")}
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onCancel={close}
      />
    </>
  );
}

function TokensTable(props: { rows: TokenRow[]; showUser: boolean; onRevoke: (row: TokenRow) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm" style={{ whiteSpace: "nowrap" }}>
        <Table.Thead>
          <Table.Tr>
            {props.showUser && <Table.Th>{t("tokens.user")}</Table.Th>}
            <Table.Th>{t("tokens.name")}</Table.Th>
            <Table.Th>{t("tokens.created")}</Table.Th>
            <Table.Th>{t("tokens.lastUsed")}</Table.Th>
            <Table.Th>{t("tokens.status")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={row.id}>
              {props.showUser && <Table.Td>{row.userEmail}</Table.Td>}
              <Table.Td>{row.name}</Table.Td>
              <Table.Td>{format.dateTime(row.createdAt)}</Table.Td>
              <Table.Td>{row.lastUsedAt ? format.dateTime(row.lastUsedAt) : t("tokens.neverUsed")}</Table.Td>
              <Table.Td>
                {row.revokedAt ? (
                  <Badge color="gray" variant="light" tt="none">
                    {t("tokens.revokedOn", { date: format.date(row.revokedAt) })}
                  </Badge>
                ) : (
                  <Badge color="green" variant="light" tt="none">
                    {t("tokens.active")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {!row.revokedAt && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => props.onRevoke(row)}
                    aria-label={t("tokens.revokeNamed", { name: row.name, email: row.userEmail })}
                  >
                    {t("tokens.revoke")}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
