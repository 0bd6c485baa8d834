import { Badge, Button, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import type { Role } from "@pitchside/shared";
import { useTranslation } from "react-i18next";
import type { Team, UserRow } from "../api-types";
import { useFormat } from "../i18n/format";
import { DeactivatedStatus, ReactivateButton } from "../people/deactivated-user";

const roleColor: Record<Role, string> = { admin: "grape", marketer: "teal", rep: "blue" };

export type UserAction = "edit" | "reset" | "disable";

interface UsersTableProps {
  users: UserRow[];
  teams: Team[];
  selfId: string;
  onAction: (action: UserAction, user: UserRow) => void;
}

export function UsersTable({ users, teams, selfId, onAction }: UsersTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const teamName = new Map(teams.map((team) => [team.id, team.name]));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm" style={{ whiteSpace: "nowrap" }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.users.name")}</Table.Th>
            <Table.Th>{t("admin.users.email")}</Table.Th>
            <Table.Th>{t("admin.users.role")}</Table.Th>
            <Table.Th>{t("admin.users.team")}</Table.Th>
            <Table.Th>{t("admin.users.status")}</Table.Th>
            <Table.Th>{t("admin.users.createdAt")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const self = user.id === selfId;
            return (
              <Table.Tr key={user.id} c={user.disabledAt ? "dimmed" : undefined}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {user.name}
                    </Text>
                    {self && (
                      <Badge size="xs" variant="outline" tt="none">
                        {t("admin.users.you")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                {/* long addresses wrap, so the actions stay in view at a laptop's 1280 px */}
                <Table.Td style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}>{user.email}</Table.Td>
                <Table.Td>
                  <Badge color={roleColor[user.role]} variant="light" tt="none">
                    {t(`roles.${user.role}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{(user.teamId && teamName.get(user.teamId)) || "—"}</Table.Td>
                <Table.Td>
                  {user.disabledAt ? <DeactivatedStatus since={user.disabledAt} /> : t("admin.users.active")}
                </Table.Td>
                <Table.Td>{format.date(user.createdAt)}</Table.Td>
                <Table.Td>
                  {user.disabledAt && <ReactivateButton user={user} />}
                  {!user.disabledAt && (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => onAction("edit", user)}
                        aria-label={t("admin.users.editNamed", { name: user.name })}
                      >
                        {t("common.edit")}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => onAction("reset", user)}
                        aria-label={t("admin.users.resetNamed", { name: user.name })}
                      >
                        {t("admin.users.resetPassword")}
                      </Button>
                      {!self && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => onAction("disable", user)}
                          aria-label={t("admin.users.disableNamed", { name: user.name })}
                        >
                          {t("admin.users.disable")}
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
