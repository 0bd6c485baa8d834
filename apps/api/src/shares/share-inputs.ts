import { clientSurfaces } from "@pitchside/shared";
import { emailSchema } from "@pitchside/shared/schemas";
import { z } from "zod";

export const MAX_ROOM_ASSETS = 30;

/** What a link (or a deal room) may carry, as every client sends it. */
export const linkControlsSchema = z.object({
  dealId: z.uuid().optional(),
  recipientEmail: emailSchema.optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  allowDownload: z.boolean().optional(),
  name: z.string().trim().max(200).optional(),
  /** Ask for an email before showing anything (not verified). */
  requireEmail: z.boolean().optional(),
  /** Ask for this passcode before showing anything; only its hash is kept. */
  passcode: z.string().min(4, "passcode: at least 4 characters").max(200).optional(),
});

/** shares.create: one tracked link to an asset. */
export const shareCreateInputSchema = linkControlsSchema.extend({
  assetId: z.uuid(),
  /** Pin the link to this version (a marketer may pin an older one); a rep's pin is the live version. */
  versionId: z.uuid().optional(),
  /** Pin to the live version as it is now, instead of following the asset's newer versions. */
  pinVersion: z.boolean().optional(),
  surface: z.enum(clientSurfaces).optional(),
  /** The caller tracks the insert or copy itself: no `shared` event (one action, one event). */
  trackedByCaller: z.boolean().optional(),
});
export type ShareCreateInput = z.infer<typeof shareCreateInputSchema>;

/** shares.list: single links by asset, deal or creator, a page at a time. */
export const shareListInputSchema = z
  .object({
    assetId: z.uuid().optional(),
    dealId: z.uuid().optional(),
    /** Only the caller's own links (what a rep always gets). */
    mine: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 50, offset: 0 });
export type ShareListInput = z.infer<typeof shareListInputSchema>;

/** rooms.create: a deal room holding several assets. */
export const roomCreateInputSchema = linkControlsSchema.extend({
  assetIds: z.array(z.uuid()).min(1, "assetIds: choose at least one asset").max(MAX_ROOM_ASSETS),
  /** A short personal note shown above the assets. */
  note: z.string().trim().max(2000).optional(),
});
export type RoomCreateInput = z.infer<typeof roomCreateInputSchema>;

/** rooms.list: the caller's (or a deal's) rooms, a page at a time. */
export const roomListInputSchema = z
  .object({
    mine: z.boolean().optional(),
    dealId: z.uuid().optional(),
    limit: z.number().int().min(1).max(100).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 50, offset: 0 });
export type RoomListInput = z.infer<typeof roomListInputSchema>;

/** rooms.update: a room's note and rules after sending, and which assets it holds. */
export const roomUpdateInputSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().max(200).optional(),
  note: z.string().trim().max(2000).optional(),
  /** null clears the expiry. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  allowDownload: z.boolean().optional(),
  requireEmail: z.boolean().optional(),
  /** A new passcode; null removes it. */
  passcode: z.string().min(4, "passcode: at least 4 characters").max(200).nullable().optional(),
  addAssetIds: z.array(z.uuid()).max(MAX_ROOM_ASSETS).optional(),
  removeAssetIds: z.array(z.uuid()).max(MAX_ROOM_ASSETS).optional(),
});
export type RoomUpdateInput = z.infer<typeof roomUpdateInputSchema>;
