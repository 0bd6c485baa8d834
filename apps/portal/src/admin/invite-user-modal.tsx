import { Button, Group, Modal, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { Role } from "@pitchside/shared";
import { looksLikeEmail } from "@pitchside/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hasFieldErrors } from "../api-errors";
import type { Team } from "../api-types";
import { type Language, languages } from "../i18n/language";
import { useLanguage } from "../i18n/use-language";
import { useTRPC } from "../trpc";
import { ErrorAlert, useFieldErrors } from "../ui/error-alert";
import { LinkToCopy } from "./link-to-copy";
import { NO_TEAM, RoleSelect, TeamSelect, teamIdFromField } from "./user-fields";

/** The link of an invitation that was not mailed (no SMTP_URL): shown once, to copy. */
export function InvitationLinkModal(props: { email: string; link: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t("admin.invitations.linkTitle", { email: props.email })}
      size="lg"
    >
      <Stack>
        <LinkToCopy link={props.link} help={t("admin.invitations.linkHelp")} />
        <Group justify="flex-end">
          <Button onClick={props.onClose}>{t("admin.invitations.done")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Invites by email with a role, a team and the invitation's language; mailed, or a link to copy. */
export function InviteUserModal(props: { teams: Team[]; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldErrors = useFieldErrors();
  const { language } = useLanguage();
  const [copy, setCopy] = useState<{ email: string; link: string } | null>(null);
  const form = useForm({
    initialValues: { email: "", role: "rep" as Role, teamId: NO_TEAM, locale: language as Language },
    validate: { email: (v) => (looksLikeEmail(v) ? null : t("admin.users.emailInvalid")) },
  });
  const invite = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: async (delivery, input) => {
        await queryClient.invalidateQueries(trpc.invitations.list.pathFilter());
        if (delivery.link) {
          setCopy({ email: input.email, link: delivery.link });
          return;
        }
        notifications.show({
          color: "green",
          message: t("admin.invitations.sentNotice", { email: input.email }),
        });
        props.onClose();
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );
  if (copy) return <InvitationLinkModal {...copy} onClose={props.onClose} />;

  return (
    <Modal opened onClose={props.onClose} title={t("admin.invitations.title")} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          invite.mutate({
            email: v.email.trim(),
            role: v.role,
            teamId: teamIdFromField(v.teamId),
            locale: v.locale,
          }),
        )}
      >
        <Stack>
          {invite.error && !hasFieldErrors(invite.error) && (
            <ErrorAlert title={t("admin.invitations.failed")} error={invite.error} />
          )}
          <TextInput
            label={t("admin.invitations.email")}
            type="email"
            autoComplete="off"
            required
            data-autofocus
            {...form.getInputProps("email")}
          />
          <RoleSelect {...form.getInputProps("role")} value={form.values.role} required />
          <TeamSelect teams={props.teams} {...form.getInputProps("teamId")} />
          <NativeSelect
            label={t("admin.invitations.language")}
            data={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
            {...form.getInputProps("locale")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t("admin.invitations.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
