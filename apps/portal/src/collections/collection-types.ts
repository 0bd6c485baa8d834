import type { RouterOutputs } from "../api-types";

export type CollectionSummary = RouterOutputs["collections"]["list"][number];
export type CollectionDetail = RouterOutputs["collections"]["get"];
export type CollectionItem = CollectionDetail["items"][number];
