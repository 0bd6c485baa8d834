import type { ExtensionSurface } from "@pitchside/shared";
import type { ApiInput } from "../api/calls";

/** What pressing "helped" (true) or "not helpful" (false) asks for: pressing the pressed one takes the mark back. */
export function markRequest(
  assetId: string,
  current: boolean | null,
  pressed: boolean,
  where: { surface: ExtensionSurface; dealId?: string | null | undefined; requestId?: string | undefined },
): ApiInput<"feedback.markSuggestion"> {
  return {
    assetId,
    helped: current === pressed ? null : pressed,
    surface: where.surface,
    ...(where.dealId ? { dealId: where.dealId } : {}),
    ...(where.requestId ? { requestId: where.requestId } : {}),
  };
}
