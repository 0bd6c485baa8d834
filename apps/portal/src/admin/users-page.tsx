import { Button, Group, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UserRow } from "../api-types";
import { useCurrentUser } from "../session/session";
import { useTRPC } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { CreateUserModal } from "./create-user-modal";
import { EditUserModal } from "./edit-user-modal";
import { InviteUserModal } from "./invite-user-modal";
import { PendingInvitations } from "./pending-invitations";
import { ResetPasswordModal } from "./reset-password-modal";
import { type UserAction, UsersTable } from "./users-table";

export function UsersPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const users = useQuery(trpc.users.list.queryOptions());
  const teams = useQuery(trpc.users.teams.queryOptions());
  const [creating, setCreating] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [filter, setFilter] = useState("");
  const [action, setAction] = useState<{ kind: UserAction; user: UserRow } | null>(null);
  const disable = useMutation(
    trpc.users.disable.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.users.list.pathFilter());
        await queryClient.invalidateQueries(trpc.tokens.list.pathFilter());
        notifications.show({
          color: "green",
          message: t("admin.users.disabledNotice", { name: action?.user.name }),
        });
        close();
      },
    }),
  );
  const close = () => {
    setAction(null);
    disable.reset();
  };
  const matches = (user: UserRow) => {
    const needle = filter.trim().toLowerCase();
    return !needle || user.name.toLowerCase().includes(needle) || user.email.includes(needle);
  };

  return (
    <>
      <PageHeader
        title={t("admin.users.title")}
        description={t("admin.users.intro")}
        actions={
          <Group gap="xs">
            <Button variant="light" onClick={() => setInviting(true)} disabled={!teams.data}>
              {t("admin.invitations.invite")}
            </Button>
            <Button onClick={() => setCreating(true)} disabled={!teams.data}>
              {t("admin.users.create")}
            </Button>
          </Group>
        }
      />
      <TextInput
        label={t("admin.users.filter")}
        placeholder={t("admin.users.filterPlaceholder")}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        maw={360}
        mb="md"
      />
      <QueryState query={users} what={t("admin.users.what")}>
        {(userRows) => (
          <QueryState query={teams} what={t("admin.teams.what")}>
            {(teamRows) => {
              const shown = userRows.filter(matches);
              return shown.length === 0 ? (
                <Text c="dimmed">{t("admin.users.noneMatch")}</Text>
              ) : (
                <UsersTable
                  users={shown}
                  teams={teamRows}
                  selfId={me.id}
                  onAction={(kind, user) => setAction({ kind, user })}
                />
              );
            }}
          </QueryState>
        )}
      </QueryState>

      {teams.data && <PendingInvitations teams={teams.data} />}

      {inviting && <InviteUserModal teams={teams.data ?? []} onClose={() => setInviting(false)} />}
      <CreateUserModal opened={creating} teams={teams.data ?? []} onClose={() => setCreating(false)} />
      {action?.kind === "edit" && (
        <EditUserModal
          user={action.user}
          isSelf={action.user.id === me.id}
          teams={teams.data ?? []}
          onClose={close}
        />
      )}
      {action?.kind === "reset" && <ResetPasswordModal user={action.user} onClose={close} />}
      <ConfirmDialog
        opened={action?.kind === "disable"}
        title={t("admin.users.disableTitle", { name: action?.user.name })}
        message={t("admin.users.disableBody", { name: action?.user.name })}
        confirmLabel={t("admin.users.disable")}
        pending={disable.isPending}
        error={disable.error}
        onConfirm={() => action && disable.mutate({ id: action.user.id })}
        onCancel={close}
      />
    </>
  );
}
