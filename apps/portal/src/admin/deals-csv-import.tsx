import { Alert, Button, FileInput, Group, NativeSelect, Stack, Table, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DealImportResult, RouterInputs } from "../api-types";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";

type DealCsvField = NonNullable<RouterInputs["deals"]["importCsv"]["mapping"]>[string];

/** Every field a column can feed, in the order the mapping menu lists them. */
const fields = {
  externalId: true,
  name: true,
  accountName: true,
  accountDomain: true,
  industry: true,
  stage: true,
  amount: true,
  currency: true,
  status: true,
  closedAt: true,
  ownerEmail: true,
  contacts: true,
  contactEmail: true,
  contactName: true,
  contactTitle: true,
  ignore: true,
} satisfies Record<DealCsvField, true>;
const fieldList = Object.keys(fields) as DealCsvField[];

/** CSV deals import: pick a file, check the column mapping with a dry run, then import. */
export function DealsCsvImport() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState("");
  const [mapping, setMapping] = useState<Record<string, DealCsvField>>({});
  const [checked, setChecked] = useState<DealImportResult | null>(null);
  const run = useMutation(
    trpc.deals.importCsv.mutationOptions({
      onSuccess: (result) => {
        setChecked(result);
        if (result.dryRun) {
          // start the mapping from what the server recognised
          setMapping(Object.fromEntries(result.columns.map((c) => [c.header, c.field ?? "ignore"])));
        }
      },
    }),
  );
  const choose = async (picked: File | null) => {
    setFile(picked);
    setChecked(null);
    setMapping({});
    run.reset();
    const text = picked ? await picked.text() : "";
    setCsv(text);
    if (text) run.mutate({ csv: text, dryRun: true });
  };
  const mappingChanged = (checked?.columns ?? []).some((c) => (c.field ?? "ignore") !== mapping[c.header]);
  const canImport = checked?.dryRun === true && checked.ok && !mappingChanged;

  return (
    <Stack>
      <FileInput
        label={t("admin.crm.file")}
        description={t("admin.crm.fileHelp")}
        accept=".csv,text/csv"
        clearable
        value={file}
        onChange={(picked) => void choose(picked)}
        maw={480}
      />
      {run.error && <ErrorAlert title={t("admin.crm.importFailed")} error={run.error} />}
      {checked && checked.columns.length > 0 && (
        <MappingTable
          columns={checked.columns.map((c) => c.header)}
          mapping={mapping}
          onChange={(header, field) => setMapping((m) => ({ ...m, [header]: field }))}
        />
      )}
      {csv && (
        <Group>
          <Button
            variant="default"
            loading={run.isPending && run.variables?.dryRun}
            onClick={() => run.mutate({ csv, mapping, dryRun: true })}
          >
            {t("admin.crm.dryRun")}
          </Button>
          <Button
            disabled={!canImport}
            loading={run.isPending && !run.variables?.dryRun}
            onClick={() => run.mutate({ csv, mapping, dryRun: false })}
          >
            {t("admin.crm.import")}
          </Button>
          {mappingChanged && (
            <Text size="sm" c="dimmed">
              {t("admin.crm.checkAgain")}
            </Text>
          )}
        </Group>
      )}
      {checked && <ImportOutcome result={checked} />}
    </Stack>
  );
}

function MappingTable(props: {
  columns: string[];
  mapping: Record<string, DealCsvField>;
  onChange: (header: string, field: DealCsvField) => void;
}) {
  const { t } = useTranslation();
  const options = fieldList.map((field) => ({ value: field, label: t(`admin.crm.fields.${field}`) }));
  return (
    <Table verticalSpacing={4} maw={640} aria-label={t("admin.crm.mapping")}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("admin.crm.column")}</Table.Th>
          <Table.Th>{t("admin.crm.mapsTo")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.columns.map((header) => (
          <Table.Tr key={header}>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {header}
              </Text>
            </Table.Td>
            <Table.Td>
              <NativeSelect
                size="xs"
                aria-label={t("admin.crm.mapsToNamed", { column: header })}
                data={options}
                value={props.mapping[header] ?? "ignore"}
                onChange={(e) => {
                  const field = fieldList.find((f) => f === e.currentTarget.value);
                  if (field) props.onChange(header, field);
                }}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ImportOutcome({ result }: { result: DealImportResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = {
    rows: format.number(result.rows),
    deals: format.number(result.deals),
    created: format.number(result.created),
    updated: format.number(result.updated),
    unchanged: format.number(result.unchanged),
  };
  return (
    <Stack gap="sm" aria-live="polite">
      {result.ok ? (
        <Alert
          color={result.dryRun ? "blue" : "green"}
          variant="light"
          title={t(result.dryRun ? "admin.crm.dryRunOk" : "admin.crm.imported")}
        >
          {t("admin.crm.counts", counts)}
        </Alert>
      ) : (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t("admin.crm.rowErrors", { count: result.errors.length })}
        >
          {t("admin.crm.nothingWritten")}
        </Alert>
      )}
      {result.errors.length > 0 && <ProblemTable title={t("admin.crm.errors")} rows={result.errors} />}
      {result.warnings.length > 0 && <ProblemTable title={t("admin.crm.warnings")} rows={result.warnings} />}
    </Stack>
  );
}

function ProblemTable(props: { title: string; rows: { line: number; column?: string; message: string }[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560} mah={320}>
      <Table striped verticalSpacing={4} aria-label={props.title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.crm.line")}</Table.Th>
            <Table.Th>{t("admin.crm.column")}</Table.Th>
            <Table.Th>{t("admin.crm.problem")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={`${row.line}|${row.column ?? ""}|${row.message}`}>
              <Table.Td>{row.line}</Table.Td>
              <Table.Td>{row.column ?? "—"}</Table.Td>
              <Table.Td>{row.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
