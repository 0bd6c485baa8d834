import { Badge, Group, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { useTaxonomy } from "../taxonomy/use-taxonomy";
import { taxonomyFields, useFacetLabel } from "./facet-labels";
import type { AssetDetail } from "./library-types";

/** What the asset is and who it is for, taxonomy labels in the user's language. */
export function AssetMetadata({ asset }: { asset: AssetDetail }) {
  const { t } = useTranslation("library");
  const format = useFormat();
  const facetLabel = useFacetLabel();
  const { label } = useTaxonomy();
  const rows: [string, ReactNode][] = [
    [t("meta.type"), facetLabel("type", asset.type)],
    [t("meta.audience"), t(`audienceShort.${asset.audience}`)],
    [t("meta.language"), asset.language ? facetLabel("language", asset.language) : "—"],
    ...taxonomyFields
      .filter(({ field }) => asset[field].length > 0)
      .map(({ field, kind }): [string, ReactNode] => [
        t(`meta.${field}`),
        <Group gap={4} key={field}>
          {asset[field].map((key) => (
            <Badge key={key} variant="light" color="gray">
              {label(kind, key)}
            </Badge>
          ))}
        </Group>,
      ]),
    ...(asset.tags.length > 0 ? [[t("meta.tags"), asset.tags.join(", ")] as [string, ReactNode]] : []),
    [t("meta.updated"), format.dateTime(asset.updatedAt)],
    ...(asset.expiresAt ? [[t("meta.expires"), format.date(asset.expiresAt)] as [string, ReactNode]] : []),
  ];
  return (
    <Stack gap="xs">
      {asset.summary && <Text size="sm">{asset.summary}</Text>}
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Th w={130} fw={500} c="dimmed" fz="sm">
                {name}
              </Table.Th>
              <Table.Td fz="sm">{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
