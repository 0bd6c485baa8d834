import { Button, Group, Modal, NativeSelect, Stack, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors } from "../api-errors";
import { useTRPC } from "../trpc";
import { AssetPicker } from "../ui/asset-picker";
import { ErrorAlert } from "../ui/error-alert";
import type { ContentRequest } from "./request-types";

const NOBODY = "";

/** Assign, answer with content, or decline: what marketing does with an open request. */
export function QueueActions({ request }: { request: ContentRequest }) {
  const { t } = useTranslation("requests");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"answer" | "decline" | null>(null);
  const assignees = useQuery(trpc.requests.assignees.queryOptions());
  const done = async (message: string) => {
    await queryClient.invalidateQueries(trpc.requests.pathFilter());
    notifications.show({ color: "green", message });
  };
  const assign = useMutation(
    trpc.requests.assign.mutationOptions({
      onSuccess: () => done(t("actions.assigned")),
      onError: (error) =>
        notifications.show({ color: "red", title: t("actions.assignFailed"), message: error.message }),
    }),
  );
  if (request.status === "answered" || request.status === "declined") return null;
  return (
    <Group gap="sm" align="flex-end" mt={4}>
      <NativeSelect
        size="xs"
        label={t("actions.assignee")}
        aria-label={t("actions.assigneeFor", { title: request.title })}
        value={request.assignee?.id ?? NOBODY}
        disabled={!assignees.data || assign.isPending}
        onChange={(e) => assign.mutate({ id: request.id, assigneeId: e.currentTarget.value || null })}
        data={[
          { value: NOBODY, label: t("actions.nobody") },
          ...(assignees.data ?? []).map((a) => ({ value: a.id, label: a.name })),
        ]}
      />
      <Button
        size="xs"
        onClick={() => setDialog("answer")}
        aria-label={t("actions.answerNamed", { title: request.title })}
      >
        {t("actions.answer")}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        onClick={() => setDialog("decline")}
        aria-label={t("actions.declineNamed", { title: request.title })}
      >
        {t("actions.decline")}
      </Button>
      {dialog === "answer" && (
        <AnswerModal
          request={request}
          onClose={() => setDialog(null)}
          onDone={() => done(t("actions.answered"))}
        />
      )}
      {dialog === "decline" && (
        <DeclineModal
          request={request}
          onClose={() => setDialog(null)}
          onDone={() => done(t("actions.declinedNotice"))}
        />
      )}
    </Group>
  );
}

interface DialogProps {
  request: ContentRequest;
  onClose: () => void;
  onDone: () => Promise<void>;
}

function AnswerModal({ request, onClose, onDone }: DialogProps) {
  const { t } = useTranslation("requests");
  const trpc = useTRPC();
  const answer = useMutation(
    trpc.requests.answer.mutationOptions({
      onSuccess: async () => {
        await onDone();
        onClose();
      },
    }),
  );
  return (
    <Modal opened onClose={onClose} title={t("actions.answerTitle", { title: request.title })} size="lg">
      <Stack>
        {answer.error && <ErrorAlert title={t("actions.answerFailed")} error={answer.error} />}
        <AssetPicker
          label={t("actions.findContent")}
          pickText={t("actions.sendThis")}
          pickLabel={(title) => t("actions.sendNamed", { title })}
          onPick={(asset) => answer.mutate({ id: request.id, assetId: asset.id })}
        />
      </Stack>
    </Modal>
  );
}

function DeclineModal({ request, onClose, onDone }: DialogProps) {
  const { t } = useTranslation("requests");
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const decline = useMutation(
    trpc.requests.decline.mutationOptions({
      onSuccess: async () => {
        await onDone();
        onClose();
      },
    }),
  );
  return (
    <Modal opened onClose={onClose} title={t("actions.declineTitle", { title: request.title })}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return setMissing(true);
          decline.mutate({ id: request.id, reason: reason.trim() });
        }}
      >
        <Stack>
          {decline.error && !fieldErrors(decline.error).reason && (
            <ErrorAlert title={t("actions.declineFailed")} error={decline.error} />
          )}
          <Textarea
            label={t("actions.reason")}
            description={t("actions.reasonHelp")}
            required
            data-autofocus
            rows={3}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t("actions.reasonRequired") : fieldErrors(decline.error).reason}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("form.cancel")}
            </Button>
            <Button type="submit" color="red" loading={decline.isPending}>
              {t("actions.decline")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
