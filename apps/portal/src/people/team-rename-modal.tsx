import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Team } from "../api-types";
import { useTRPC } from "../trpc";
import { useErrorMessage, useFieldErrors } from "../ui/error-alert";

/** Renames a team; a name another team has is said on the field, in the user's language. */
export function TeamRenameModal({ team, onClose }: { team: Team; onClose: () => void }) {
  const { t } = useTranslation("people");
  const { t: shell } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const form = useForm({
    initialValues: { name: team.name },
    validate: { name: (v) => (v.trim() ? null : shell("admin.teams.nameRequired")) },
  });
  const rename = useMutation(
    trpc.teams.rename.mutationOptions({
      onSuccess: async (renamed) => {
        await queryClient.invalidateQueries(trpc.users.teams.pathFilter());
        notifications.show({ color: "green", message: t("teams.renamed", { name: renamed.name }) });
        onClose();
      },
      onError: (error) => form.setFieldError("name", fieldErrors(error).name ?? message(error)),
    }),
  );
  return (
    <Modal opened onClose={onClose} title={t("teams.renameTitle", { name: team.name })} centered>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => rename.mutate({ id: team.id, name: values.name.trim() }))}
      >
        <Stack>
          <TextInput
            label={shell("admin.teams.name")}
            required
            data-autofocus
            {...form.getInputProps("name")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={rename.isPending}>
              {shell("common.cancel")}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {t("teams.rename")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
