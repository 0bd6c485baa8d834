import { Anchor, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { canCurate } from "../session/roles";
import { useCurrentUser } from "../session/session";
import { useTRPC } from "../trpc";
import { AssetPicker } from "../ui/asset-picker";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { CollectionFormModal } from "./collection-form-modal";
import type { CollectionDetail, CollectionItem } from "./collection-types";
import { SortableItems } from "./sortable-items";

export function CollectionPage() {
  const { t } = useTranslation("collections");
  const trpc = useTRPC();
  const id = useParams().id ?? "";
  const collection = useQuery(trpc.collections.get.queryOptions({ id }));
  return (
    <QueryState query={collection} what={t("detail.what")}>
      {(data) => <CollectionView collection={data} />}
    </QueryState>
  );
}

function CollectionView({ collection }: { collection: CollectionDetail }) {
  const { t } = useTranslation("collections");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const curator = canCurate(useCurrentUser().role);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const detailKey = trpc.collections.get.queryKey({ id: collection.id });

  const setItems = useMutation(
    trpc.collections.setItems.mutationOptions({
      onMutate: async ({ assetIds }) => {
        // the new order shows at once; the server's answer confirms it, or the old order comes back
        await queryClient.cancelQueries({ queryKey: detailKey });
        const before = queryClient.getQueryData(detailKey);
        if (before) {
          // an added asset is not here yet: it shows when the collection is fetched again
          const byId = new Map(before.items.map((item) => [item.id, item]));
          const items = assetIds.flatMap((assetId) => byId.get(assetId) ?? []);
          queryClient.setQueryData(detailKey, { ...before, items });
        }
        return { before };
      },
      onError: (error, _input, context) => {
        if (context?.before) queryClient.setQueryData(detailKey, context.before);
        notifications.show({ color: "red", title: t("detail.orderFailed"), message: error.message });
      },
      onSettled: () => queryClient.invalidateQueries(trpc.collections.pathFilter()),
    }),
  );
  const remove = useMutation(
    trpc.collections.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.collections.list.pathFilter());
        notifications.show({ color: "green", message: t("detail.deleted", { name: collection.name }) });
        void navigate("/collections", { replace: true });
      },
    }),
  );
  const ids = collection.items.map((item) => item.id);
  const save = (assetIds: string[]) => setItems.mutate({ id: collection.id, assetIds });

  return (
    <Stack gap="md" maw={880}>
      <PageHeader
        title={collection.name}
        description={collection.description || undefined}
        actions={
          curator && (
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" onClick={() => setEditing(true)}>
                {t("detail.edit")}
              </Button>
              <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
                {t("detail.delete")}
              </Button>
            </Group>
          )
        }
      />
      <Anchor component={Link} to="/collections" size="sm">
        {t("detail.back")}
      </Anchor>
      {curator && (
        <AssetPicker
          label={t("detail.add")}
          pickText={t("detail.addOne")}
          pickLabel={(title) => t("detail.addNamed", { title })}
          exclude={ids}
          onPick={(asset) => save([...ids, asset.id])}
        />
      )}
      {collection.items.length === 0 ? (
        <Text c="dimmed">{curator ? t("detail.emptyCurator") : t("detail.empty")}</Text>
      ) : curator ? (
        <>
          <Text size="sm" c="dimmed">
            {t("detail.reorderHelp")}
          </Text>
          <SortableItems
            items={collection.items}
            titleOf={(item) => item.title}
            onReorder={(items) => save(items.map((item) => item.id))}
            renderItem={(item) => (
              <>
                <ItemSummary item={item} />
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  ml="auto"
                  aria-label={t("detail.removeNamed", { title: item.title })}
                  onClick={() => save(ids.filter((assetId) => assetId !== item.id))}
                >
                  {t("detail.remove")}
                </Button>
              </>
            )}
          />
        </>
      ) : (
        <ol style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: 8 }}>
          {collection.items.map((item) => (
            <Paper key={item.id} withBorder p="xs" component="li">
              <ItemSummary item={item} />
            </Paper>
          ))}
        </ol>
      )}
      {editing && <CollectionFormModal collection={collection} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        opened={deleting}
        title={t("detail.deleteTitle", { name: collection.name })}
        message={t("detail.deleteBody")}
        confirmLabel={t("detail.delete")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate({ id: collection.id })}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
      />
    </Stack>
  );
}

function ItemSummary({ item }: { item: CollectionItem }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Anchor component={Link} to={`/library/assets/${item.id}`} fw={500}>
        {item.title}
      </Anchor>
      {item.summary && (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {item.summary}
        </Text>
      )}
    </Stack>
  );
}
