import { Anchor, Button, Card, Group, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { CopyLink } from "../ui/copy-link";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { useDuration } from "./duration";
import { LinkDetailsDrawer } from "./link-details-drawer";
import { LinkStatus } from "./link-status";
import type { RoomRow, ShareRow } from "./link-types";
import { NewRoomModal } from "./new-room-modal";
import { RevokeAction } from "./revoke-action";

const PAGE = 50;
/** The most each list endpoint gives in one answer. */
const MAX = { shares: 200, rooms: 100 };

/** The rep's follow-up list: their deal rooms and single links, and what prospects did with each. */
export function MyLinksPage() {
  const { t } = useTranslation("links");
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const [limits, setLimits] = useState({ shares: PAGE, rooms: PAGE });
  const shares = useQuery({
    ...trpc.shares.list.queryOptions({ mine: true, limit: limits.shares, offset: 0 }),
    placeholderData: keepPreviousData,
  });
  const rooms = useQuery({
    ...trpc.rooms.list.queryOptions({ mine: true, limit: limits.rooms, offset: 0 }),
    placeholderData: keepPreviousData,
  });
  const creating = params.get("new") === "room";
  const detailsId = params.get("link");
  const setParam = (key: string, value: string | null) =>
    setParams(
      (current) => {
        if (value === null) current.delete(key);
        else current.set(key, value);
        return current;
      },
      { replace: value === null },
    );
  const more = (which: "shares" | "rooms", shown: number) =>
    shown >= limits[which] && limits[which] < MAX[which] ? (
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={() => setLimits((l) => ({ ...l, [which]: Math.min(MAX[which], l[which] + PAGE) }))}
        >
          {t("showMore")}
        </Button>
      </Group>
    ) : null;
  return (
    <Stack gap="xl">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={<Button onClick={() => setParam("new", "room")}>{t("newRoom")}</Button>}
      />
      <QueryState query={rooms} what={t("what")}>
        {(roomRows) => (
          <QueryState query={shares} what={t("what")}>
            {(shareRows) =>
              roomRows.length === 0 && shareRows.length === 0 ? (
                <EmptyLinks onNewRoom={() => setParam("new", "room")} />
              ) : (
                <>
                  <Stack gap="sm" component="section" aria-labelledby="rooms-heading">
                    <Title order={2} size="h4" id="rooms-heading">
                      {t("rooms.heading")}
                    </Title>
                    {roomRows.length === 0 ? (
                      <Text c="dimmed" size="sm">
                        {t("rooms.none")}
                      </Text>
                    ) : (
                      <RoomsTable rows={roomRows} />
                    )}
                    {more("rooms", roomRows.length)}
                  </Stack>
                  <Stack gap="sm" component="section" aria-labelledby="singles-heading">
                    <Title order={2} size="h4" id="singles-heading">
                      {t("singles.heading")}
                    </Title>
                    {shareRows.length === 0 ? (
                      <Text c="dimmed" size="sm">
                        {t("singles.none")}
                      </Text>
                    ) : (
                      <SharesTable rows={shareRows} onDetails={(id) => setParam("link", id)} />
                    )}
                    {more("shares", shareRows.length)}
                  </Stack>
                  {detailsId && (
                    <LinkDetailsDrawer
                      share={shareRows.find((s) => s.id === detailsId) ?? null}
                      onClose={() => setParam("link", null)}
                    />
                  )}
                </>
              )
            }
          </QueryState>
        )}
      </QueryState>
      {creating && <NewRoomModal onClose={() => setParam("new", null)} />}
    </Stack>
  );
}

function EmptyLinks({ onNewRoom }: { onNewRoom: () => void }) {
  const { t } = useTranslation("links");
  return (
    <Card withBorder padding="lg" maw={640}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("empty.title")}
        </Title>
        <Text size="sm">{t("empty.body")}</Text>
        <Group>
          <Button component={Link} to="/library" variant="light">
            {t("empty.library")}
          </Button>
          <Button variant="default" onClick={onNewRoom}>
            {t("newRoom")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Who a link is for: its deal, and under it the recipient. */
function DealAndRecipient({ deal, recipient }: { deal: string | null; recipient: string | null }) {
  const { t } = useTranslation("links");
  if (!deal && !recipient) return <>{t("none")}</>;
  return (
    <>
      {deal && <Text size="sm">{deal}</Text>}
      {recipient && (
        <Text size={deal ? "xs" : "sm"} c={deal ? "dimmed" : undefined} style={{ overflowWrap: "anywhere" }}>
          {recipient}
        </Text>
      )}
    </>
  );
}

function RoomsTable({ rows }: { rows: RoomRow[] }) {
  const { t } = useTranslation("links");
  const format = useFormat();
  const duration = useDuration();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-labelledby="rooms-heading">
        <Table.Thead style={{ whiteSpace: "nowrap" }}>
          <Table.Tr>
            <Table.Th miw={150}>{t("columns.room")}</Table.Th>
            <Table.Th miw={140}>{t("columns.for")}</Table.Th>
            <Table.Th>{t("columns.status")}</Table.Th>
            <Table.Th>{t("columns.opened")}</Table.Th>
            <Table.Th ta="right">{t("columns.opens")}</Table.Th>
            <Table.Th ta="right">{t("columns.time")}</Table.Th>
            <Table.Th>{t("columns.lastSeen")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("columns.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((room) => {
            const name = room.name || t("untitledRoom");
            return (
              <Table.Tr key={room.id} data-testid="room-row">
                <Table.Td>
                  <Anchor component={Link} to={`/links/rooms/${room.id}`} fw={500} size="sm">
                    {name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t("assetCount", { count: room.items.length })} ·{" "}
                    {t("createdOn", { date: format.date(room.createdAt) })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DealAndRecipient deal={room.dealName} recipient={room.recipientEmail} />
                </Table.Td>
                <Table.Td>
                  <LinkStatus state={room.state} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }} data-testid="room-opened">
                  {t("assetsOpened", {
                    opened: format.number(room.assetsOpened),
                    total: format.number(room.items.length),
                  })}
                </Table.Td>
                <Table.Td ta="right" data-testid="room-opens">
                  {format.number(room.opens)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                  {duration(room.activeMs)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {room.lastSeenAt ? format.dateTime(room.lastSeenAt) : t("never")}
                </Table.Td>
                <Table.Td>
                  {room.state === "active" && (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <CopyLink url={room.url} name={name} />
                      <RevokeAction kind="room" id={room.id} name={name} />
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

function SharesTable({ rows, onDetails }: { rows: ShareRow[]; onDetails: (id: string) => void }) {
  const { t } = useTranslation("links");
  const format = useFormat();
  const duration = useDuration();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-labelledby="singles-heading">
        <Table.Thead style={{ whiteSpace: "nowrap" }}>
          <Table.Tr>
            <Table.Th miw={150}>{t("columns.asset")}</Table.Th>
            <Table.Th miw={140}>{t("columns.for")}</Table.Th>
            <Table.Th>{t("columns.status")}</Table.Th>
            <Table.Th ta="right">{t("columns.opens")}</Table.Th>
            <Table.Th ta="right">{t("columns.visitors")}</Table.Th>
            <Table.Th ta="right">{t("columns.time")}</Table.Th>
            <Table.Th>{t("columns.lastSeen")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("columns.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((share) => {
            const working = share.state === "active" && !share.endedReason;
            return (
              <Table.Tr key={share.id} data-testid="share-row">
                <Table.Td>
                  {share.endedReason ? (
                    <Text size="sm" fw={500}>
                      {share.assetTitle}
                    </Text>
                  ) : (
                    <Anchor component={Link} to={`/library/assets/${share.assetId}`} fw={500} size="sm">
                      {share.assetTitle}
                    </Anchor>
                  )}
                  <Text size="xs" c="dimmed">
                    {share.name ? `${share.name} · ` : ""}
                    {t("createdOn", { date: format.date(share.createdAt) })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DealAndRecipient deal={share.dealName} recipient={share.recipientEmail} />
                </Table.Td>
                <Table.Td>
                  <LinkStatus state={share.state} endedReason={share.endedReason} />
                </Table.Td>
                <Table.Td ta="right">{format.number(share.opens)}</Table.Td>
                <Table.Td ta="right">{format.number(share.uniqueVisitors)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                  {duration(share.activeMs)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {share.lastSeenAt ? format.dateTime(share.lastSeenAt) : t("never")}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => onDetails(share.id)}
                      aria-label={t("actions.detailsNamed", { name: share.assetTitle })}
                    >
                      {t("actions.details")}
                    </Button>
                    {working && <CopyLink url={share.url} name={share.assetTitle} />}
                    {share.state === "active" && (
                      <RevokeAction kind="share" id={share.id} name={share.assetTitle} />
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
