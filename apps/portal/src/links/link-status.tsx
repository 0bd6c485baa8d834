import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { EndedReason, LinkState } from "./link-types";

const colors: Record<LinkState | "ended", string> = {
  active: "green",
  expired: "orange",
  revoked: "gray",
  ended: "red",
};

/** Active, expired, revoked, or ended because its asset is no longer live (and why). */
export function LinkStatus({ state, endedReason }: { state: LinkState; endedReason?: EndedReason | null }) {
  const { t } = useTranslation("links");
  const ended = state === "active" && endedReason ? endedReason : null;
  return (
    <Badge color={colors[ended ? "ended" : state]} variant="light" tt="none">
      {ended ? t("status.ended", { reason: t(`reason.${ended}`) }) : t(`status.${state}`)}
    </Badge>
  );
}
