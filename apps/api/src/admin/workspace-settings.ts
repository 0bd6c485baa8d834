import { type AssetType, type Audience, assetTypes, defaultAudienceByType } from "@pitchside/shared";
import { audienceSchema } from "@pitchside/shared/schemas";
import { z } from "zod";
import type { Db } from "../db/client";
import { readSetting, writeSetting } from "../db/settings-store";
import { AppError } from "../errors";

const SETTINGS_KEY = "workspace.content";

export const workspaceSettingsSchema = z.object({
  /** A new version of a published asset waits for another marketer's approval before it goes live. */
  reviewNewVersions: z.boolean(),
  /** The audience an asset of each type gets unless it says otherwise. */
  audienceByType: z.object(
    Object.fromEntries(assetTypes.map((t) => [t, audienceSchema])) as Record<
      AssetType,
      typeof audienceSchema
    >,
  ),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

export const defaultWorkspaceSettings: WorkspaceSettings = {
  reviewNewVersions: false,
  audienceByType: { ...defaultAudienceByType },
};

export async function getWorkspaceSettings(db: Db): Promise<WorkspaceSettings> {
  const parsed = workspaceSettingsSchema.partial().safeParse((await readSetting(db, SETTINGS_KEY)) ?? {});
  const stored = parsed.success ? parsed.data : {};
  return {
    reviewNewVersions: stored.reviewNewVersions ?? defaultWorkspaceSettings.reviewNewVersions,
    audienceByType: { ...defaultWorkspaceSettings.audienceByType, ...stored.audienceByType },
  };
}

export async function saveWorkspaceSettings(
  db: Db,
  actorId: string | null,
  value: WorkspaceSettings,
): Promise<WorkspaceSettings> {
  return writeSetting(db, actorId, SETTINGS_KEY, value);
}

export const audienceForType = (s: WorkspaceSettings, type: AssetType): Audience => s.audienceByType[type];

const SSO_KEY = "workspace.sso";

/** Single sign-on policy, a setting of its own so that saving the content rules never touches it. */
export const ssoSettingsSchema = z.object({
  /** Password sign-in is refused for everyone but the break-glass addresses (BREAK_GLASS_EMAILS). */
  ssoRequired: z.boolean(),
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

export async function getSsoSettings(db: Db): Promise<SsoSettings> {
  const parsed = ssoSettingsSchema.safeParse(await readSetting(db, SSO_KEY));
  return parsed.success ? parsed.data : { ssoRequired: false };
}

/** Requiring SSO needs a provider to sign in with: without one nobody but break-glass could get in. */
export async function saveSsoSettings(
  db: Db,
  actorId: string,
  value: SsoSettings,
  ssoConfigured: boolean,
): Promise<SsoSettings> {
  if (value.ssoRequired && !ssoConfigured) {
    throw new AppError("BAD_REQUEST", "SSO can only be required once OIDC_ISSUER and its client are set", {
      reason: "ssoNotConfigured",
      field: "ssoRequired",
    });
  }
  return writeSetting(db, actorId, SSO_KEY, value);
}
