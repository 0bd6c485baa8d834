import { Badge, Button, Group, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RouterOutputs, Team } from "../api-types";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { QueryState } from "../ui/query-state";
import { InvitationLinkModal } from "./invite-user-modal";

type Invitation = RouterOutputs["invitations"]["list"][number];

/** Invitations not yet accepted: when each expires, whether it was mailed; resend or revoke. */
export function PendingInvitations({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.invitations.list.queryOptions());
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [copy, setCopy] = useState<{ email: string; link: string } | null>(null);
  const teamName = new Map(teams.map((team) => [team.id, team.name]));
  const refresh = () => queryClient.invalidateQueries(trpc.invitations.list.pathFilter());
  const resend = useMutation(
    trpc.invitations.resend.mutationOptions({
      onSuccess: async (delivery, { id }) => {
        await refresh();
        const email = invitations.data?.find((i) => i.id === id)?.email ?? "";
        if (delivery.link) setCopy({ email, link: delivery.link });
        else notifications.show({ color: "green", message: t("admin.invitations.sentNotice", { email }) });
      },
      onError: (error) => notifications.show({ color: "red", message: error.message }),
    }),
  );
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: async () => {
        await refresh();
        notifications.show({
          color: "green",
          message: t("admin.invitations.revokedNotice", { email: revoking?.email }),
        });
        setRevoking(null);
      },
    }),
  );

  return (
    <section aria-labelledby="pending-invitations">
      <Title order={2} size="h4" id="pending-invitations" mt="xl" mb="sm">
        {t("admin.invitations.pending")}
      </Title>
      <QueryState query={invitations} what={t("admin.invitations.what")}>
        {(rows) =>
          rows.length === 0 ? (
            <Text c="dimmed">{t("admin.invitations.none")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped verticalSpacing="sm" style={{ whiteSpace: "nowrap" }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("admin.invitations.email")}</Table.Th>
                    <Table.Th>{t("admin.users.role")}</Table.Th>
                    <Table.Th>{t("admin.users.team")}</Table.Th>
                    <Table.Th>{t("admin.invitations.invitedBy")}</Table.Th>
                    <Table.Th>{t("admin.invitations.expires")}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{row.email}</Text>
                          <Badge size="xs" variant="light" color={row.mailedAt ? "teal" : "gray"} tt="none">
                            {row.mailedAt ? t("admin.invitations.mailed") : t("admin.invitations.notMailed")}
                          </Badge>
                        </Group>
                      </Table.Td>
                      <Table.Td>{t(`roles.${row.role}`)}</Table.Td>
                      <Table.Td>{(row.teamId && teamName.get(row.teamId)) || "—"}</Table.Td>
                      <Table.Td>{row.invitedByName ?? "—"}</Table.Td>
                      <Table.Td>
                        {row.expired ? (
                          <Badge size="sm" color="red" variant="light" tt="none">
                            {t("admin.invitations.expired")}
                          </Badge>
                        ) : (
                          format.date(row.expiresAt)
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            loading={resend.isPending && resend.variables.id === row.id}
                            onClick={() => resend.mutate({ id: row.id })}
                            aria-label={t("admin.invitations.resendNamed", { email: row.email })}
                          >
                            {t("admin.invitations.resend")}
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setRevoking(row)}
                            aria-label={t("admin.invitations.revokeNamed", { email: row.email })}
                          >
                            {t("admin.invitations.revoke")}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {copy && <InvitationLinkModal {...copy} onClose={() => setCopy(null)} />}
      <ConfirmDialog
        opened={revoking !== null}
        title={t("admin.invitations.revokeTitle", { email: revoking?.email })}
        message={t("admin.invitations.revokeBody", { email: revoking?.email })}
        confirmLabel={t("admin.invitations.revoke")}
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
      />
    </section>
  );
}
