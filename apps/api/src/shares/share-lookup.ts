import { shareState } from "../assets/share-rules";
import { AppError } from "../errors";
import type { FoundLink } from "./link-finder";
import type { LinkGate } from "./link-gate";
import { type FoundRoom, type FoundShare, gateOf, isGone } from "./public-link";

interface LiveCommon {
  /** What a visitor passes before reading: the link's own gate, or its deal room's. */
  gate: LinkGate;
  /** The asset's title, or the room's name, for the gate's page. */
  title: string;
  sharedBy: string | null;
}

/** A link or deal room a public token names that is still open to visitors. */
export type LiveLink =
  | (LiveCommon & { share: FoundShare; room: null })
  | (LiveCommon & { share: null; room: FoundRoom });

export const roomGateOf = ({ room }: FoundRoom): LinkGate => ({
  id: room.id,
  requireEmail: room.requireEmail,
  passcodeHash: room.passcodeHash,
});

export const goneLink = () => new AppError("GONE", "This link is no longer available");

/** The live link or room `link` found; NOT_FOUND when it found nothing, GONE when it has ended. */
export function liveLink({ share, room }: FoundLink): LiveLink {
  if (share) {
    if (isGone(share)) throw goneLink();
    return { share, room: null, gate: gateOf(share), title: share.asset.title, sharedBy: share.sharedBy };
  }
  if (!room) throw new AppError("NOT_FOUND", "No such link");
  if (shareState(room.room) !== "active") throw goneLink();
  return { share: null, room, gate: roomGateOf(room), title: room.room.name, sharedBy: room.sharedBy };
}
