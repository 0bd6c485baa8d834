import { NativeSelect, type NativeSelectProps } from "@mantine/core";
import type { Role } from "@pitchside/shared";
import { useTranslation } from "react-i18next";
import type { Team } from "../api-types";

/** The select's stand-in for "no team" (the API's `teamId: null`). */
export const NO_TEAM = "none";

/** Roles in the order the role picker lists them, least access first (shared `roles` is in another order). */
const roleOptions = ["rep", "marketer", "admin"] as const satisfies readonly Role[];
const everyRoleListed: [Exclude<Role, (typeof roleOptions)[number]>] extends [never] ? true : false = true;
void everyRoleListed;

export const teamIdFromField = (value: string): string | null => (value === NO_TEAM ? null : value);

export function RoleSelect(props: Omit<NativeSelectProps, "data" | "value"> & { value: Role }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t("admin.users.role")}
      description={t(`roleHelp.${props.value}`)}
      data={roleOptions.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      {...props}
    />
  );
}

export function TeamSelect(props: Omit<NativeSelectProps, "data"> & { teams: Team[] }) {
  const { t } = useTranslation();
  const { teams, ...rest } = props;
  return (
    <NativeSelect
      label={t("admin.users.team")}
      data={[
        { value: NO_TEAM, label: t("admin.users.noTeam") },
        ...teams.map((team) => ({ value: team.id, label: team.name })),
      ]}
      {...rest}
    />
  );
}
