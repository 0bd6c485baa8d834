import type { RouterOutputs } from "../api-types";

export type ContentRequest = RouterOutputs["requests"]["mine"][number];
export type RequestStatus = ContentRequest["status"];
export const requestStatuses: readonly RequestStatus[] = ["open", "in_progress", "answered", "declined"];
