import type { RouterOutputs } from "../api-types";

export type SearchHit = RouterOutputs["search"]["query"]["hits"][number];
export type AssetDetail = RouterOutputs["assets"]["get"];
export type AssetVersion = AssetDetail["versions"][number];
