import { Button, Group, Paper, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Team, UserRow } from "../api-types";
import { useFormat } from "../i18n/format";
import { TeamDeleteModal } from "../people/team-delete-modal";
import { TeamRenameModal } from "../people/team-rename-modal";
import { useTRPC } from "../trpc";
import { useErrorMessage, useFieldErrors } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";

export function TeamsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const teams = useQuery(trpc.users.teams.queryOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  return (
    <>
      <PageHeader title={t("admin.teams.title")} description={t("admin.teams.intro")} />
      <CreateTeamForm />
      <QueryState query={teams} what={t("admin.teams.what")}>
        {(rows) =>
          rows.length === 0 ? (
            <Text c="dimmed">{t("admin.teams.none")}</Text>
          ) : (
            <TeamsTable teams={rows} users={users.data} />
          )
        }
      </QueryState>
    </>
  );
}

function CreateTeamForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const form = useForm({
    initialValues: { name: "" },
    validate: { name: (v) => (v.trim() ? null : t("admin.teams.nameRequired")) },
  });
  const create = useMutation(
    trpc.users.createTeam.mutationOptions({
      onSuccess: async (team) => {
        await queryClient.invalidateQueries(trpc.users.teams.pathFilter());
        notifications.show({ color: "green", message: t("admin.teams.created", { name: team.name }) });
        form.reset();
      },
      onError: (error) => form.setFieldError("name", fieldErrors(error).name ?? message(error)),
    }),
  );
  return (
    <Paper withBorder p="md" mb="lg" maw={560}>
      <form onSubmit={form.onSubmit((values) => create.mutate({ name: values.name.trim() }))} noValidate>
        <Group align="flex-start">
          <TextInput
            label={t("admin.teams.name")}
            required
            style={{ flex: 1 }}
            {...form.getInputProps("name")}
          />
          <Button type="submit" mt={25} loading={create.isPending}>
            {t("admin.teams.create")}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

function TeamsTable({ teams, users }: { teams: Team[]; users: UserRow[] | undefined }) {
  const { t } = useTranslation();
  const { t: people } = useTranslation("people");
  const format = useFormat();
  const [renaming, setRenaming] = useState<Team | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const members = (teamId: string) =>
    users ? format.number(users.filter((u) => u.teamId === teamId && !u.disabledAt).length) : "—";
  return (
    <>
      <Table striped verticalSpacing="sm" maw={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.teams.name")}</Table.Th>
            <Table.Th ta="right">{t("admin.teams.members")}</Table.Th>
            <Table.Th>{t("admin.teams.createdAt")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{people("teams.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.map((team) => (
            <Table.Tr key={team.id}>
              <Table.Td>{team.name}</Table.Td>
              <Table.Td ta="right">{members(team.id)}</Table.Td>
              <Table.Td>{format.date(team.createdAt)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setRenaming(team)}
                    aria-label={people("teams.renameNamed", { name: team.name })}
                  >
                    {people("teams.rename")}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setDeleting(team)}
                    aria-label={people("teams.deleteNamed", { name: team.name })}
                  >
                    {people("teams.delete")}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {renaming && <TeamRenameModal key={renaming.id} team={renaming} onClose={() => setRenaming(null)} />}
      {deleting && (
        <TeamDeleteModal key={deleting.id} team={deleting} teams={teams} onClose={() => setDeleting(null)} />
      )}
    </>
  );
}
