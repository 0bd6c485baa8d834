import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RequestStatus } from "./request-types";

const color: Record<RequestStatus, string> = {
  open: "blue",
  in_progress: "yellow",
  answered: "green",
  declined: "gray",
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation("requests");
  return (
    <Badge color={color[status]} variant="light" tt="none">
      {t(`status.${status}`)}
    </Badge>
  );
}
