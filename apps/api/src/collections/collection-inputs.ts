import { z } from "zod";

/** collections.save: a new collection (no id) or an existing one's name, description and teams. */
export const collectionSaveInputSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(""),
  teams: z.array(z.uuid()).max(50).default([]),
});
export type CollectionSaveInput = z.infer<typeof collectionSaveInputSchema>;
