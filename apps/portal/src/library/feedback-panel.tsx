import { Button, Group, Rating, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors } from "../api-errors";
import { useFormat } from "../i18n/format";
import { useTRPC } from "../trpc";
import { ErrorAlert } from "../ui/error-alert";
import { QueryState } from "../ui/query-state";

/** Ratings (one per person, changeable) and comments on an asset. */
export function FeedbackPanel({ assetId }: { assetId: string }) {
  const { t } = useTranslation("library");
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const key = trpc.feedback.forAsset.queryKey({ assetId });
  const feedback = useQuery(trpc.feedback.forAsset.queryOptions({ assetId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const rate = useMutation(
    trpc.feedback.rate.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(key, data) }),
  );
  const [comment, setComment] = useState("");
  const post = useMutation(
    trpc.feedback.comment.mutationOptions({
      onSuccess: () => {
        setComment("");
        void refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.feedback.deleteComment.mutationOptions({ onSuccess: () => void refresh() }),
  );
  return (
    <QueryState query={feedback} what={t("feedback.what")}>
      {(data) => (
        <Stack gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="my-rating">
              {t("feedback.yourRating")}
            </Text>
            <Group gap="sm">
              <Rating
                value={data.rating.mine ?? 0}
                onChange={(rating) => rate.mutate({ assetId, rating })}
                aria-labelledby="my-rating"
                readOnly={rate.isPending}
              />
              <Text size="sm" c="dimmed">
                {data.rating.average == null
                  ? t("feedback.noRatings")
                  : t("feedback.average", {
                      average: format.number(Math.round(data.rating.average * 10) / 10),
                      count: data.rating.count,
                    })}
              </Text>
            </Group>
            {rate.isError && <ErrorAlert title={t("feedback.rateFailed")} error={rate.error} />}
          </Stack>
          <Stack gap="xs">
            {data.comments.length === 0 && (
              <Text size="sm" c="dimmed">
                {t("feedback.noComments")}
              </Text>
            )}
            {data.comments.map((c) => (
              <Stack key={c.id} gap={2}>
                <Group gap="xs" justify="space-between">
                  <Text size="xs" c="dimmed">
                    {`${c.author ?? t("feedback.formerUser")} · ${format.dateTime(c.createdAt)}`}
                  </Text>
                  {c.canDelete && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => remove.mutate({ id: c.id })}
                      loading={remove.isPending && remove.variables?.id === c.id}
                    >
                      {t("feedback.delete")}
                    </Button>
                  )}
                </Group>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {c.comment}
                </Text>
              </Stack>
            ))}
            {remove.isError && <ErrorAlert title={t("feedback.deleteFailed")} error={remove.error} />}
          </Stack>
          <Stack
            gap="xs"
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              post.mutate({ assetId, comment });
            }}
          >
            <Textarea
              label={t("feedback.comment")}
              placeholder={t("feedback.commentPlaceholder")}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              rows={3}
              maxLength={5000}
              error={fieldErrors(post.error).comment}
            />
            {post.isError && !fieldErrors(post.error).comment && (
              <ErrorAlert title={t("feedback.commentFailed")} error={post.error} />
            )}
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={post.isPending} disabled={!comment.trim()}>
                {t("feedback.post")}
              </Button>
            </Group>
          </Stack>
        </Stack>
      )}
    </QueryState>
  );
}
