import { Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { fieldErrors, hasFieldErrors } from "../api-errors";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";

/**
 * Asks marketing for missing content; `query` is the library search that found nothing, or a title a
 * report proposes with its own `details` (Field signals: a signal the library does not cover at a stage).
 */
export function NewRequestModal(props: { query: string; details?: string | null; onClose: () => void }) {
  const { t } = useTranslation("requests");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      title: props.query,
      details: props.details ?? (props.query ? t("form.searchedFor", { query: props.query }) : ""),
    },
    validate: { title: (v) => (v.trim() ? null : t("form.titleRequired")) },
  });
  const create = useMutation(
    trpc.requests.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.requests.pathFilter());
        notifications.show({ color: "green", message: t("form.sent") });
        props.onClose();
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );
  return (
    <Modal opened onClose={props.onClose} title={t("form.title")} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => create.mutate({ title: v.title.trim(), details: v.details.trim() }))}
      >
        <Stack>
          {create.error && !hasFieldErrors(create.error) && (
            <ErrorAlert title={t("form.failed")} error={create.error} />
          )}
          <TextInput
            label={t("form.what")}
            description={t("form.whatHelp")}
            required
            data-autofocus
            {...form.getInputProps("title")}
          />
          <Textarea
            label={t("form.details")}
            description={t("form.detailsHelp")}
            rows={4}
            {...form.getInputProps("details")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("form.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("form.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
