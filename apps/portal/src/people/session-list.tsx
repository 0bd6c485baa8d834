import { Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { SessionRow } from "../api-types";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { QueryState } from "../ui/query-state";

/** The signed-in user's portal sessions, each to end, and "sign out everywhere else" (extension tokens too). */
export function SessionList() {
  const { t } = useTranslation("people");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery(trpc.sessions.mine.queryOptions());
  const [ending, setEnding] = useState<SessionRow | null>(null);
  const [everywhere, setEverywhere] = useState(false);
  const end = useMutation(
    trpc.sessions.end.mutationOptions({
      onSuccess: async ({ signedOut }) => {
        setEnding(null);
        if (signedOut) {
          queryClient.clear(); // nothing of this user's data stays for the next one
          void navigate("/sign-in", { replace: true });
          return;
        }
        await queryClient.invalidateQueries(trpc.sessions.mine.pathFilter());
        notifications.show({ color: "green", message: t("sessions.ended") });
      },
    }),
  );
  const endOthers = useMutation(
    trpc.sessions.endOthers.mutationOptions({
      onSuccess: async () => {
        setEverywhere(false);
        await queryClient.invalidateQueries(trpc.sessions.mine.pathFilter());
        await queryClient.invalidateQueries(trpc.tokens.list.pathFilter());
        notifications.show({ color: "green", message: t("sessions.everywhereElseDone") });
      },
    }),
  );
  return (
    <Stack gap="sm">
      <QueryState query={sessions} what={t("sessions.what")}>
        {(rows) => <SessionsTable rows={rows} onEnd={setEnding} />}
      </QueryState>
      <Group>
        <Button variant="light" color="red" onClick={() => setEverywhere(true)}>
          {t("sessions.everywhereElse")}
        </Button>
      </Group>
      <ConfirmDialog
        opened={ending !== null}
        title={t("sessions.endTitle")}
        message={ending?.current ? t("sessions.endThisBody") : t("sessions.endBody")}
        confirmLabel={t("sessions.end")}
        pending={end.isPending}
        error={end.error}
        onConfirm={() => ending && end.mutate({ id: ending.id })}
        onCancel={() => {
          setEnding(null);
          end.reset();
        }}
      />
      <ConfirmDialog
        opened={everywhere}
        title={t("sessions.everywhereElseTitle")}
        message={t("sessions.everywhereElseBody")}
        confirmLabel={t("sessions.everywhereElse")}
        pending={endOthers.isPending}
        error={endOthers.error}
        onConfirm={() => endOthers.mutate()}
        onCancel={() => {
          setEverywhere(false);
          endOthers.reset();
        }}
      />
    </Stack>
  );
}

function SessionsTable({ rows, onEnd }: { rows: SessionRow[]; onEnd: (row: SessionRow) => void }) {
  const { t } = useTranslation("people");
  const { t: shell } = useTranslation();
  const format = useFormat();
  const browserOf = (row: SessionRow) =>
    row.browser && row.os
      ? t("sessions.on", { browser: row.browser, os: row.os })
      : (row.browser ?? row.os ?? t("sessions.unknownBrowser"));
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="sm" style={{ whiteSpace: "nowrap" }} aria-label={t("sessions.portal")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("sessions.browser")}</Table.Th>
            <Table.Th>{t("sessions.address")}</Table.Th>
            <Table.Th>{t("sessions.created")}</Table.Th>
            <Table.Th>{t("sessions.lastSeen")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{shell("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">{browserOf(row)}</Text>
                  {row.current && (
                    <Badge size="xs" variant="light" color="green" tt="none">
                      {t("sessions.thisSession")}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{row.ipPrefix ?? "—"}</Table.Td>
              <Table.Td>{format.dateTime(row.createdAt)}</Table.Td>
              <Table.Td>{format.dateTime(row.lastSeenAt)}</Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => onEnd(row)}
                    aria-label={t("sessions.endNamed", { browser: browserOf(row) })}
                  >
                    {t("sessions.end")}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
