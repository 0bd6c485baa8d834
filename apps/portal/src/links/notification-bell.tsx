import {
  ActionIcon,
  Box,
  Group,
  Indicator,
  Loader,
  Menu,
  ScrollArea,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { useDuration } from "./duration";
import type { NotificationRow } from "./link-types";
import { describeNotification } from "./notification-text";

/** How often the unread count is asked for while the portal is open (and again on focus). */
const POLL_MS = 30_000;

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M6 9a6 6 0 1 1 12 0c0 3.5.8 5.6 1.6 6.8.4.6 0 1.2-.6 1.2H5c-.7 0-1-.7-.6-1.2C5.2 14.6 6 12.5 6 9Z"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      <path d="M9.5 20a2.5 2.5 0 0 0 5 0" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

/** The header's bell: the unread count, and the recent notifications with where each leads. */
export function NotificationBell() {
  const { t } = useTranslation("links");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const format = useFormat();
  const duration = useDuration();
  const [opened, setOpened] = useState(false);
  const count = useQuery({
    ...trpc.notifications.unreadCount.queryOptions(),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 5_000,
  });
  const list = useQuery({
    ...trpc.notifications.list.queryOptions({ limit: 20 }),
    enabled: opened,
    staleTime: 0,
  });
  // the list carries the count too: keep the badge in step with what the menu shows
  useEffect(() => {
    if (list.data)
      queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), { unread: list.data.unread });
  }, [list.data, queryClient, trpc]);
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: ({ unread }) => {
        queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), { unread });
        void queryClient.invalidateQueries(trpc.notifications.list.pathFilter());
      },
    }),
  );
  const unread = count.data?.unread ?? 0;
  const open = (n: NotificationRow, to: string | null) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
    if (to) void navigate(to);
  };
  return (
    // the header is fixed, so the bell is never scrolled away: no need to hide a "detached" menu
    <Menu
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={380}
      shadow="md"
      hideDetached={false}
      returnFocus
    >
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={unread > 0 ? t("bell.label", { count: unread }) : t("bell.labelNone")}
        >
          <Indicator
            label={unread > 99 ? "99+" : unread}
            size={16}
            offset={2}
            color="red"
            disabled={unread === 0}
            data-testid="bell-count"
          >
            <BellIcon />
          </Indicator>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("bell.title")}</Menu.Label>
        {list.isError ? (
          <Text size="sm" c="red" px="sm" py="xs" role="alert">
            {t("bell.failed")}
          </Text>
        ) : !list.data ? (
          <Group justify="center" py="sm">
            <Loader size="sm" />
          </Group>
        ) : list.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" px="sm" py="xs">
            {t("bell.empty")}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto">
            {list.data.items.map((n) => {
              const view = describeNotification(n, t, duration);
              return (
                <Menu.Item
                  key={n.id}
                  onClick={() => open(n, view.to)}
                  leftSection={
                    <Box
                      w={8}
                      h={8}
                      style={{
                        borderRadius: "50%",
                        background: n.readAt ? "transparent" : "var(--mantine-color-blue-6)",
                      }}
                    />
                  }
                >
                  {!n.readAt && <VisuallyHidden>{t("bell.unread")}: </VisuallyHidden>}
                  <Text size="sm" fw={n.readAt ? 400 : 600} style={{ overflowWrap: "anywhere" }}>
                    {view.text}
                  </Text>
                  {view.detail && (
                    <Text size="xs" c="dimmed">
                      {view.detail}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {format.dateTime(n.createdAt)}
                  </Text>
                </Menu.Item>
              );
            })}
          </ScrollArea.Autosize>
        )}
        <Menu.Divider />
        <Menu.Item
          closeMenuOnClick={false}
          disabled={unread === 0 || markRead.isPending}
          onClick={() => markRead.mutate({ all: true })}
        >
          {t("bell.markAll")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
