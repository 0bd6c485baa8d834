import {
  type AssetType,
  type Audience,
  assetTypes,
  audienceSchema,
  defaultAudienceByType,
} from "@pitchside/shared";
import { z } from "zod";
import type { Db } from "../db/client";
import { readSetting, writeSetting } from "../db/settings-store";

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
