import { Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { fieldErrors, hasFieldErrors } from "../api-errors";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";

interface Initial {
  id: string;
  name: string;
  description: string;
  teams: string[];
}

/** Creates a collection (`collection` null) or edits its name, description and teams. */
export function CollectionFormModal(props: {
  collection: Initial | null;
  onClose: () => void;
  onSaved?: (id: string) => void;
}) {
  const { t } = useTranslation("collections");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teams = useQuery(trpc.users.teams.queryOptions());
  const form = useForm({
    initialValues: {
      name: props.collection?.name ?? "",
      description: props.collection?.description ?? "",
      teams: props.collection?.teams ?? [],
    },
    validate: { name: (v) => (v.trim() ? null : t("form.nameRequired")) },
  });
  const save = useMutation(
    trpc.collections.save.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries(trpc.collections.pathFilter());
        notifications.show({ color: "green", message: t("form.saved") });
        props.onClose();
        props.onSaved?.(id);
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={props.collection ? t("form.editTitle", { name: props.collection.name }) : t("form.createTitle")}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          save.mutate({
            ...(props.collection ? { id: props.collection.id } : {}),
            name: v.name.trim(),
            description: v.description.trim(),
            teams: v.teams,
          }),
        )}
      >
        <Stack>
          {save.error && !hasFieldErrors(save.error) && (
            <ErrorAlert title={t("form.saveFailed")} error={save.error} />
          )}
          <TextInput label={t("form.name")} required data-autofocus {...form.getInputProps("name")} />
          <Textarea label={t("form.description")} rows={3} {...form.getInputProps("description")} />
          <MultiSelect
            label={t("form.teams")}
            description={t("form.teamsHelp")}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            error={teams.isError ? t("form.teamsFailed") : undefined}
            clearable
            searchable
            {...form.getInputProps("teams")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("form.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("form.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
