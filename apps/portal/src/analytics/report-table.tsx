import { Button, Group, ScrollArea, Table, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type CsvColumn, downloadCsv, toCsv } from "./csv";

/** A column of a report table: the raw value (sorted on, exported) and how the page shows it. */
export interface ReportColumn<T> extends CsvColumn<T> {
  id: string;
  display?: (row: T) => ReactNode;
  numeric?: boolean;
  /** What the figure means, shown as the header's tooltip. */
  hint?: string;
  /** In the CSV only (e.g. an interval's bounds, which the page shows inside another cell). */
  exportOnly?: boolean;
}

type Sort = { id: string; desc: boolean } | null;

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1; // empty cells last either way
  if (b === null || b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

/** Rows in the order the table shows them. */
export function sortRows<T>(rows: readonly T[], columns: readonly ReportColumn<T>[], sort: Sort): T[] {
  const column = sort && columns.find((c) => c.id === sort.id);
  if (!sort || !column) return [...rows];
  return [...rows].sort((x, y) => {
    const a = column.value(x);
    const b = column.value(y);
    if (a === null || b === null) return compare(a, b);
    return sort.desc ? compare(b, a) : compare(a, b);
  });
}

/** A sortable table with a CSV export of exactly its rows, in the order shown. */
export function ReportTable<T>({
  columns,
  rows,
  fileName,
  rowKey,
  initialSort = null,
  caption,
}: {
  columns: readonly ReportColumn<T>[];
  rows: readonly T[];
  fileName: string;
  rowKey: (row: T) => string;
  initialSort?: Sort;
  caption?: string;
}) {
  const { t } = useTranslation("analytics");
  const [sort, setSort] = useState<Sort>(initialSort);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  const shown = columns.filter((c) => !c.exportOnly);
  const toggle = (id: string) =>
    setSort((s) =>
      s?.id === id ? { id, desc: !s.desc } : { id, desc: columns.find((c) => c.id === id)?.numeric ?? false },
    );
  return (
    <>
      <Group justify="space-between" mb="xs">
        {caption ? <Text fw={600}>{caption}</Text> : <span />}
        <Button
          size="xs"
          variant="light"
          className="no-print"
          disabled={rows.length === 0}
          onClick={() => downloadCsv(fileName, toCsv(columns, sorted))}
        >
          {t("csv.export")}
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("noData")}
        </Text>
      ) : (
        <ScrollArea>
          <Table striped highlightOnHover withTableBorder aria-label={caption ?? fileName}>
            <Table.Thead>
              <Table.Tr>
                {shown.map((c) => (
                  <Table.Th
                    key={c.id}
                    ta={c.numeric ? "right" : "left"}
                    aria-sort={sort?.id === c.id ? (sort.desc ? "descending" : "ascending") : "none"}
                  >
                    <Tooltip label={c.hint} disabled={!c.hint} multiline w={300} withArrow>
                      <UnstyledButton
                        onClick={() => toggle(c.id)}
                        fw={600}
                        fz="sm"
                        td={c.hint ? "underline dotted" : undefined}
                      >
                        {c.header}
                        {sort?.id === c.id ? (sort.desc ? " ▼" : " ▲") : ""}
                      </UnstyledButton>
                    </Tooltip>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {shown.map((c) => (
                    <Table.Td key={c.id} ta={c.numeric ? "right" : "left"}>
                      {c.display ? c.display(row) : (c.value(row) ?? "–")}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </>
  );
}
