import { ActionIcon, Button, Group, NumberInput, Paper, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";

interface RateRow {
  code: string;
  rate: number | string;
}

function CurrencyForm({
  initial,
}: {
  initial: { reportingCurrency: string; rates: Record<string, number> };
}) {
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [currency, setCurrency] = useState(initial.reportingCurrency);
  const [rows, setRows] = useState<RateRow[]>(
    Object.entries(initial.rates).map(([code, rate]) => ({ code, rate })),
  );
  const save = useMutation(
    trpc.analytics.settings.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.analytics.pathFilter());
        notifications.show({ color: "green", message: t("settings.saved") });
      },
    }),
  );
  const update = (i: number, patch: Partial<RateRow>) =>
    setRows((current) => current.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const submit = () =>
    save.mutate({
      reportingCurrency: currency,
      rates: Object.fromEntries(
        rows.filter((r) => r.code.trim()).map((r) => [r.code.trim(), Number(r.rate)]),
      ),
    });
  return (
    <Paper withBorder p="md" radius="md" maw={520}>
      <Stack>
        <TextInput
          label={t("settings.currency")}
          value={currency}
          maxLength={3}
          onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
        />
        {rows.map((row, i) => (
          // rows have no identity of their own until saved; their position is it
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Group key={i} align="flex-end">
            <TextInput
              label={t("settings.code")}
              value={row.code}
              maxLength={3}
              w={100}
              onChange={(e) => update(i, { code: e.currentTarget.value.toUpperCase() })}
            />
            <NumberInput
              label={t("settings.rate")}
              value={row.rate}
              min={0}
              decimalScale={6}
              onChange={(value) => update(i, { rate: value })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t("settings.remove")}
              onClick={() => setRows((current) => current.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="light" onClick={() => setRows((current) => [...current, { code: "", rate: 1 }])}>
            {t("settings.add")}
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            {t("settings.save")}
          </Button>
        </Group>
        {save.isError && <ErrorAlert title={t("settings.title")} error={save.error} />}
      </Stack>
    </Paper>
  );
}

/** Admins set the reporting currency and the exchange rates the reports convert with. */
export function CurrencySettingsPage() {
  const { t } = useTranslation("analytics");
  const trpc = useTRPC();
  const query = useQuery(trpc.analytics.settings.get.queryOptions());
  return (
    <>
      <PageHeader title={t("settings.title")} description={t("settings.intro")} />
      <QueryState query={query} what={t("settings.title")}>
        {(settings) => <CurrencyForm initial={settings} />}
      </QueryState>
    </>
  );
}
