import { Anchor, Button, Card, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useFormat } from "../i18n/format";
import { canCurate } from "../session/roles";
import { useCurrentUser } from "../session/session";
import { useTRPC } from "../trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { CollectionFormModal } from "./collection-form-modal";

export function CollectionsPage() {
  const { t } = useTranslation("collections");
  const trpc = useTRPC();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const format = useFormat();
  const collections = useQuery(trpc.collections.list.queryOptions());
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={canCurate(user.role) && <Button onClick={() => setCreating(true)}>{t("create")}</Button>}
      />
      <QueryState query={collections} what={t("what")}>
        {(rows) =>
          rows.length === 0 ? (
            <Text c="dimmed">{canCurate(user.role) ? t("noneCurator") : t("none")}</Text>
          ) : (
            <SimpleGrid
              cols={{ base: 1, sm: 2, lg: 3 }}
              component="ul"
              p={0}
              m={0}
              style={{ listStyle: "none" }}
            >
              {rows.map((row) => (
                <Card key={row.id} withBorder component="li" padding="md">
                  <Stack gap={6}>
                    <Anchor component={Link} to={`/collections/${row.id}`} fw={600}>
                      {row.name}
                    </Anchor>
                    {row.description && (
                      <Text size="sm" c="dimmed" lineClamp={2}>
                        {row.description}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {t("summary", {
                        items: format.number(row.itemCount),
                        date: format.date(row.updatedAt),
                      })}
                    </Text>
                  </Stack>
                </Card>
              ))}
            </SimpleGrid>
          )
        }
      </QueryState>
      {creating && (
        <CollectionFormModal
          collection={null}
          onClose={() => setCreating(false)}
          onSaved={(id) => void navigate(`/collections/${id}`)}
        />
      )}
    </>
  );
}
