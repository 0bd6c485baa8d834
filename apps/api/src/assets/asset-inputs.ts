import { assetStatusSchema, assetTypeSchema } from "@pitchside/shared/schemas";
import { z } from "zod";

/** assets.list: the library's filters and page. */
export const assetListInputSchema = z
  .object({
    status: z.array(assetStatusSchema).max(4).optional(),
    type: z.array(assetTypeSchema).max(8).optional(),
    externalId: z.string().max(200).optional(),
    q: z.string().max(200).optional(),
    processing: z.enum(["pending", "failed"]).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 50, offset: 0 });
export type AssetListInput = z.infer<typeof assetListInputSchema>;
