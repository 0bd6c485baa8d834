import {
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageHeatStrip } from "../analytics/page-heat-strip";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { AssetPicker } from "../ui/asset-picker";
import { CopyLink } from "../ui/copy-link";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { useDuration } from "./duration";
import { Fact } from "./engagement";
import { LinkStatus } from "./link-status";
import type { RoomDetail, RoomItem } from "./link-types";
import { RevokeAction } from "./revoke-action";
import { RoomEditModal } from "./room-edit-modal";

/** One deal room: its link, its note, its assets with what prospects read of each, and changes after sending. */
export function RoomPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("links");
  const trpc = useTRPC();
  const room = useQuery(trpc.rooms.get.queryOptions({ id }));
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/links" size="sm">
        {t("room.back")}
      </Anchor>
      <QueryState query={room} what={t("room.what")}>
        {(data) => <RoomView room={data} />}
      </QueryState>
    </Stack>
  );
}

function RoomView({ room }: { room: RoomDetail }) {
  const { t } = useTranslation("links");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormat();
  const duration = useDuration();
  const [editing, setEditing] = useState(false);
  const name = room.name || t("untitledRoom");
  const open = room.state === "active";
  const update = useMutation(
    trpc.rooms.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.rooms.pathFilter()),
    }),
  );
  const [change, setChange] = useState<"add" | "remove">("add");
  const add = (asset: { id: string; title: string }) => {
    setChange("add");
    update.mutate(
      { id: room.id, addAssetIds: [asset.id] },
      { onSuccess: () => notifications.show({ color: "green", message: t("room.added", asset) }) },
    );
  };
  const remove = (item: RoomItem) => {
    setChange("remove");
    update.mutate(
      { id: room.id, removeAssetIds: [item.assetId] },
      {
        onSuccess: () =>
          notifications.show({ color: "green", message: t("room.removed", { title: item.assetTitle }) }),
      },
    );
  };
  const emails = [...new Set(room.items.flatMap((i) => i.emails))];
  const meta = [
    t("room.meta", { date: format.date(room.createdAt) }),
    room.dealName ? t("room.metaDeal", { deal: room.dealName }) : null,
    room.recipientEmail ? t("room.metaRecipient", { recipient: room.recipientEmail }) : null,
  ]
    .filter((x) => x !== null)
    .join(" · ");
  return (
    <>
      <PageHeader
        title={name}
        description={meta}
        actions={
          <Group gap="xs">
            <LinkStatus state={room.state} />
            {open && (
              <>
                <Button size="xs" variant="default" onClick={() => setEditing(true)}>
                  {t("room.edit")}
                </Button>
                <RevokeAction kind="room" id={room.id} name={name} />
              </>
            )}
          </Group>
        }
      />
      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label={t("details.url")}
              value={room.url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              style={{ flex: 1 }}
              data-testid="room-url"
            />
            {open && <CopyLink url={room.url} />}
          </Group>
          {room.note && <Fact label={t("room.note")}>{room.note}</Fact>}
          <Text size="sm" data-testid="room-totals">
            {t("room.totals", {
              opened: format.number(room.assetsOpened),
              total: format.number(room.items.length),
              opens: format.number(room.opens),
              time: duration(room.activeMs),
            })}
          </Text>
          <Fact label={t("details.emails")}>
            {emails.length === 0 ? t("details.noEmails") : emails.join(", ")}
          </Fact>
        </Stack>
      </Paper>
      <Stack gap="sm" component="section" aria-labelledby="room-assets-heading">
        <Title order={2} size="h4" id="room-assets-heading">
          {t("room.assets")}
        </Title>
        {room.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("room.noAssets")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="sm" aria-labelledby="room-assets-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("columns.asset")}</Table.Th>
                  <Table.Th>{t("columns.status")}</Table.Th>
                  <Table.Th ta="right">{t("columns.opens")}</Table.Th>
                  <Table.Th ta="right">{t("columns.visitors")}</Table.Th>
                  <Table.Th ta="right">{t("columns.time")}</Table.Th>
                  <Table.Th>{t("columns.pages")}</Table.Th>
                  <Table.Th>{t("columns.lastSeen")}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t("columns.actions")}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {room.items.map((item) => (
                  <Table.Tr key={item.shareId} data-testid="room-item">
                    <Table.Td>
                      {item.live ? (
                        <Anchor component={Link} to={`/library/assets/${item.assetId}`} size="sm" fw={500}>
                          {item.assetTitle}
                        </Anchor>
                      ) : (
                        <Text size="sm" fw={500}>
                          {item.assetTitle}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {item.endedReason ? (
                        <LinkStatus state="active" endedReason={item.endedReason} />
                      ) : (
                        <Text size="sm">{t("status.live")}</Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="item-opens">
                      {format.number(item.opens)}
                    </Table.Td>
                    <Table.Td ta="right">{format.number(item.uniqueVisitors)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                      {duration(item.activeMs)}
                    </Table.Td>
                    <Table.Td>
                      <PageHeatStrip pages={item.pages} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {item.lastSeenAt ? format.dateTime(item.lastSeenAt) : t("never")}
                    </Table.Td>
                    <Table.Td>
                      {open && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          loading={update.isPending && update.variables?.removeAssetIds?.[0] === item.assetId}
                          aria-label={t("room.removeNamed", { title: item.assetTitle })}
                          onClick={() => remove(item)}
                        >
                          {t("room.remove")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {update.error != null && (
          <ErrorAlert
            title={change === "add" ? t("room.addFailed") : t("room.removeFailed")}
            error={update.error}
          />
        )}
        {open ? (
          <AssetPicker
            label={t("room.add")}
            pickText={t("create.add")}
            pickLabel={(title) => t("room.addNamed", { title })}
            exclude={room.items.map((i) => i.assetId)}
            onPick={add}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t("room.closed")}
          </Text>
        )}
      </Stack>
      {editing && <RoomEditModal room={room} onClose={() => setEditing(false)} />}
    </>
  );
}
