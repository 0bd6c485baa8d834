import { clientSurfaces } from "@pitchside/shared";
import { z } from "zod";

/** feedback.markSuggestion: "helped" / "not helpful" on a suggestion; `helped: null` takes the mark back. */
export const suggestionMarkInputSchema = z.object({
  assetId: z.uuid(),
  helped: z.boolean().nullable(),
  dealId: z.uuid().optional(),
  requestId: z.uuid().optional(),
  surface: z.enum(clientSurfaces),
});
export type SuggestionMarkInput = z.infer<typeof suggestionMarkInputSchema>;
