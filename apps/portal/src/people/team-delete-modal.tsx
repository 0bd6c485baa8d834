import { Alert, Button, Group, List, Loader, Modal, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Team, TeamDeletionImpact } from "../api-types";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";

const NO_TEAM = "";

/**
 * Deleting a team says what happens before it happens: the admin picks where its users go and where
 * content only it could see goes (by default, with its users), and reads the counts first.
 */
export function TeamDeleteModal({
  team,
  teams,
  onClose,
}: {
  team: Team;
  teams: Team[];
  onClose: () => void;
}) {
  const { t } = useTranslation("people");
  const { t: shell } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [usersTo, setUsersTo] = useState(NO_TEAM);
  const [contentTo, setContentTo] = useState<string | null>(null);
  const input = {
    id: team.id,
    moveUsersTo: usersTo || null,
    moveContentTo: contentTo === null ? usersTo || null : contentTo || null,
  };
  const impact = useQuery({
    ...trpc.teams.deletionImpact.queryOptions(input),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation(
    trpc.teams.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.users.teams.pathFilter());
        await queryClient.invalidateQueries(trpc.users.list.pathFilter());
        notifications.show({ color: "green", message: t("teams.deleted", { name: team.name }) });
        onClose();
      },
    }),
  );
  const others = teams
    .filter((other) => other.id !== team.id)
    .map((other) => ({ value: other.id, label: other.name }));
  return (
    <Modal opened onClose={onClose} title={t("teams.deleteTitle", { name: team.name })} centered size="lg">
      <Stack>
        <Select
          label={t("teams.usersTo")}
          data={[{ value: NO_TEAM, label: t("teams.noTeam") }, ...others]}
          value={usersTo}
          onChange={(value) => setUsersTo(value ?? NO_TEAM)}
          allowDeselect={false}
        />
        <Select
          label={t("teams.contentTo")}
          description={t("teams.contentToHelp")}
          data={[{ value: NO_TEAM, label: t("teams.noTeamContent") }, ...others]}
          value={contentTo ?? usersTo}
          onChange={(value) => setContentTo(value ?? NO_TEAM)}
          allowDeselect={false}
        />
        {impact.data ? (
          <ImpactSummary impact={impact.data} />
        ) : impact.isError ? (
          <ErrorAlert title={t("teams.deleteFailed")} error={impact.error} />
        ) : (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t("teams.counting")}</Text>
          </Group>
        )}
        {remove.error != null && <ErrorAlert title={t("teams.deleteFailed")} error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={remove.isPending} data-autofocus>
            {shell("common.cancel")}
          </Button>
          <Button
            color="red"
            onClick={() => remove.mutate(input)}
            loading={remove.isPending}
            disabled={!impact.data || impact.isFetching}
          >
            {t("teams.deleteConfirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ImpactSummary({ impact }: { impact: TeamDeletionImpact }) {
  const { t } = useTranslation("people");
  const usersTo = impact.usersTo?.name;
  const contentTo = impact.contentTo?.name;
  const lines: string[] = [];
  if (impact.users > 0) {
    lines.push(
      usersTo
        ? t("teams.summaryUsers", { count: impact.users, team: usersTo })
        : t("teams.summaryUsersNoTeam", { count: impact.users }),
    );
  }
  if (impact.teamOnlyAssets > 0) {
    lines.push(
      contentTo
        ? t("teams.summaryAssets", { count: impact.teamOnlyAssets, team: contentTo })
        : t("teams.summaryAssetsOpen", { count: impact.teamOnlyAssets }),
    );
  }
  if (impact.teamOnlyCollections > 0) {
    lines.push(
      contentTo
        ? t("teams.summaryCollections", { count: impact.teamOnlyCollections, team: contentTo })
        : t("teams.summaryCollectionsOpen", { count: impact.teamOnlyCollections }),
    );
  }
  const shared = impact.sharedAssets + impact.sharedCollections;
  if (shared > 0) lines.push(t("teams.summaryShared", { count: shared }));
  const opens = !contentTo && impact.teamOnlyAssets + impact.teamOnlyCollections > 0;
  return (
    <Alert color={opens ? "orange" : "gray"} variant="light" role="status">
      {lines.length === 0 ? (
        <Text size="sm">{t("teams.summaryNothing")}</Text>
      ) : (
        <List size="sm" spacing={4}>
          {lines.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
