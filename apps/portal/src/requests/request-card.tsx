import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../i18n/format";
import { RequestStatusBadge } from "./request-status-badge";
import type { ContentRequest } from "./request-types";

/** One request: what was asked, by whom, and how it ended; `actions` for marketing. */
export function RequestCard({ request, actions }: { request: ContentRequest; actions?: ReactNode }) {
  const { t } = useTranslation("requests");
  const format = useFormat();
  const headingId = `request-${request.id}`;
  return (
    <Paper withBorder p="md" component="li" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} id={headingId}>
            {request.title}
          </Text>
          <RequestStatusBadge status={request.status} />
        </Group>
        {request.details && (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {request.details}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t("card.asked", {
            name: request.requester?.name ?? t("card.someone"),
            date: format.dateTime(request.createdAt),
          })}
          {request.assignee && ` · ${t("card.assignedTo", { name: request.assignee.name })}`}
        </Text>
        {request.answer && (
          <Text size="sm">
            {t("card.answer")}{" "}
            <Anchor component={Link} to={`/library/assets/${request.answer.id}`}>
              {request.answer.title}
            </Anchor>
          </Text>
        )}
        {request.declineReason && (
          <Text size="sm">
            {t("card.declined")} {request.declineReason}
          </Text>
        )}
        {actions}
      </Stack>
    </Paper>
  );
}
