import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useCallback, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors } from "../api-errors";
import type { RouterOutputs } from "../api-types";
import { useTaxonomy } from "../taxonomy/use-taxonomy";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";

type Deal = RouterOutputs["deals"]["list"]["items"][number];

interface DealSelectProps {
  value: string | null;
  onChange: (dealId: string | null) => void;
  description?: string;
  error?: string;
  /** Offers "New deal…" (reps and admins; the API refuses while a CRM owns the deals, and says so). */
  allowCreate?: boolean;
  /** A deal found elsewhere (matched from recipients), labelled even when the list does not hold it. */
  known?: Deal | null;
}

/** "Acme renewal", or "Renewal — Acme" when the name does not already say the account. */
export function dealLabel(deal: Pick<Deal, "name" | "accountName">): string {
  const account = deal.accountName.trim();
  if (!account || deal.name.toLowerCase().includes(account.toLowerCase())) return deal.name;
  return `${deal.name} — ${account}`;
}

/** A deal's stage in the user's language: the taxonomy's label, or the catalog's for the closing ones. */
export function useStageLabel() {
  const { t } = useTranslation("deals");
  const { label } = useTaxonomy();
  return useCallback(
    (stage: string) =>
      stage === "closed_won" || stage === "closed_lost" ? t(`closingStage.${stage}`) : label("stage", stage),
    [t, label],
  );
}

const OPEN_LIMIT = 30;
const CLOSED_LIMIT = 20;

/**
 * Picks one of the deals the caller can see, searched by name or account as they type: open deals
 * first, then won and lost ones, each with its stage and status.
 */
export function DealSelect({
  value,
  onChange,
  description,
  error,
  allowCreate = false,
  known = null,
}: DealSelectProps) {
  const { t } = useTranslation("deals");
  const trpc = useTRPC();
  const stageLabel = useStageLabel();
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  // the picked (or just created) deal, kept so it keeps its label and details while the list changes
  const [picked, setPicked] = useState<Deal | null>(null);
  const kept = [picked, known].find((d) => d && d.id === value) ?? null;
  const selectedLabel = kept ? dealLabel(kept) : undefined;
  // the input shows the picked deal's label: that is no search
  const [query] = useDebouncedValue(search && search !== selectedLabel ? search : "", 250);
  const q = query || undefined;
  const open = useQuery({
    ...trpc.deals.list.queryOptions({ q, status: ["open"], limit: OPEN_LIMIT }),
    placeholderData: keepPreviousData,
  });
  const closed = useQuery({
    ...trpc.deals.list.queryOptions({ q, status: ["won", "lost"], limit: CLOSED_LIMIT }),
    placeholderData: keepPreviousData,
  });
  const openDeals = open.data?.items ?? [];
  const closedDeals = closed.data?.items ?? [];
  const listed = new Map([...openDeals, ...closedDeals].map((d) => [d.id, d]));
  const byId = new Map(kept ? [[kept.id, kept], ...listed] : listed);
  const extra = kept && !listed.has(kept.id) ? [kept] : [];
  const option = (d: Deal) => ({ value: d.id, label: dealLabel(d) });
  const groups = [
    { group: t("openGroup"), items: [...extra.filter((d) => d.status === "open"), ...openDeals] },
    { group: t("closedGroup"), items: [...extra.filter((d) => d.status !== "open"), ...closedDeals] },
  ]
    .filter((g) => g.items.length > 0)
    .map((g) => ({ group: g.group, items: g.items.map(option) }));
  const selected = value ? byId.get(value) : undefined;
  // a closed deal's stage ("closed won") says what its status does: name it once
  const details = (d: Deal) =>
    d.status === "open" ? `${stageLabel(d.stage)} · ${t("status.open")}` : t(`status.${d.status}`);
  const fetching = open.isFetching || closed.isFetching;
  return (
    <Stack gap={6}>
      <Select
        label={t("label")}
        description={description}
        placeholder={t("none")}
        searchable
        clearable
        searchValue={search}
        onSearchChange={setSearch}
        // the server already matched name, account and domain
        filter={({ options }) => options}
        data={groups}
        value={value}
        onChange={(id) => {
          setPicked(id ? (byId.get(id) ?? null) : null);
          onChange(id);
        }}
        renderOption={({ option: o }) => {
          const deal = byId.get(o.value);
          return (
            <Stack gap={0}>
              <Text size="sm">{o.label}</Text>
              {deal && (
                <Text size="xs" c="dimmed">
                  {details(deal)}
                </Text>
              )}
            </Stack>
          );
        }}
        nothingFoundMessage={fetching ? t("searching") : t("noMatches")}
        error={open.isError || closed.isError ? t("failed") : error}
      />
      {selected && (
        <Text size="xs" c="dimmed" data-testid="deal-details">
          {details(selected)}
        </Text>
      )}
      {allowCreate &&
        (creating ? (
          <NewDealForm
            initialName={search && search !== selectedLabel ? search : ""}
            onCancel={() => setCreating(false)}
            onCreated={(deal) => {
              setPicked(deal);
              setCreating(false);
              onChange(deal.id);
            }}
          />
        ) : (
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => setCreating(true)}>
              {t("new")}
            </Button>
          </Group>
        ))}
    </Stack>
  );
}

/**
 * Name, account and stage of a new deal, inside another form: no <form> of its own, and Enter
 * creates the deal rather than submitting the form around it.
 */
function NewDealForm({
  initialName,
  onCancel,
  onCreated,
}: {
  initialName: string;
  onCancel: () => void;
  onCreated: (deal: Deal) => void;
}) {
  const { t } = useTranslation("deals");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { options } = useTaxonomy();
  const titleId = useId();
  const [name, setName] = useState(initialName);
  const [accountName, setAccountName] = useState("");
  const [stage, setStage] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const create = useMutation(
    trpc.deals.create.mutationOptions({
      onSuccess: async (deal) => {
        await queryClient.invalidateQueries({ queryKey: trpc.deals.list.queryKey() });
        onCreated(deal);
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const stages = options("stage");
  const submit = () => {
    setChecked(true);
    if (!name.trim() || !stage) return;
    create.mutate({ name: name.trim(), accountName: accountName.trim(), stage });
  };
  const enterCreates = (e: KeyboardEvent) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    submit();
  };
  return (
    <Paper withBorder p="sm" role="group" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Title order={3} size="h6" id={titleId}>
          {t("newTitle")}
        </Title>
        <TextInput
          label={t("name")}
          withAsterisk
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={enterCreates}
          error={checked && !name.trim() ? t("nameRequired") : errors.name}
          data-autofocus
        />
        <TextInput
          label={t("account")}
          value={accountName}
          onChange={(e) => setAccountName(e.currentTarget.value)}
          onKeyDown={enterCreates}
          error={errors.accountName}
        />
        <Select
          label={t("stage")}
          withAsterisk
          data={stages}
          value={stage}
          onChange={setStage}
          allowDeselect={false}
          error={checked && !stage ? t("stageRequired") : errors.stage}
        />
        {create.isError && Object.keys(errors).length === 0 && (
          <ErrorAlert title={t("createFailed")} error={create.error} />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onCancel}>
            {t("cancel")}
          </Button>
          <Button size="xs" onClick={submit} loading={create.isPending}>
            {t("create")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
