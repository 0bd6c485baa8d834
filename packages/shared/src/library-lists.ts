export const processingStates = ["pending", "ready", "failed"] as const;
export type ProcessingState = (typeof processingStates)[number];

export const searchSorts = ["relevance", "newest", "most_used"] as const;
export type SearchSort = (typeof searchSorts)[number];
