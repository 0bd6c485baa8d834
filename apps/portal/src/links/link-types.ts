import type { RouterOutputs } from "../api-types";

export type ShareRow = RouterOutputs["shares"]["list"][number];
export type RoomRow = RouterOutputs["rooms"]["list"][number];
export type RoomDetail = RouterOutputs["rooms"]["get"];
export type RoomItem = RoomDetail["items"][number];
export type NotificationRow = RouterOutputs["notifications"]["list"]["items"][number];
/** Why a link stopped showing its asset (unpublished, archived, expired, made internal). */
export type EndedReason = NonNullable<ShareRow["endedReason"]>;
export type LinkState = ShareRow["state"];
