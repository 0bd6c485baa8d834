import type { AppRouter } from "@pitchside/api/router";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

type In = inferRouterInputs<AppRouter>;
type Out = inferRouterOutputs<AppRouter>;

/** The procedures content scripts and the popup may ask the background worker to call. */
export interface ApiCalls {
  "deals.match": { input: In["deals"]["match"]; output: Out["deals"]["match"] };
  "deals.list": { input: In["deals"]["list"]; output: Out["deals"]["list"] };
  "suggest.forContext": { input: SuggestRequest; output: Out["suggest"]["forContext"] };
  "shares.create": { input: In["shares"]["create"]; output: Out["shares"]["create"] };
  "search.query": { input: In["search"]["query"]; output: Out["search"]["query"] };
  "taxonomy.list": { input: In["taxonomy"]["list"]; output: Out["taxonomy"]["list"] };
  "notifications.list": { input: In["notifications"]["list"]; output: Out["notifications"]["list"] };
  "notifications.markRead": {
    input: In["notifications"]["markRead"];
    output: Out["notifications"]["markRead"];
  };
  "feedback.markSuggestion": {
    input: In["feedback"]["markSuggestion"];
    output: Out["feedback"]["markSuggestion"];
  };
}

/**
 * The extension never sends a message body nor the contact's title: the suggest input has no `text`
 * or `title` here (a persona key inferred in the browser stands in for the title).
 */
export type SuggestRequest = Omit<In["suggest"]["forContext"], "text" | "title">;

export type ApiCallName = keyof ApiCalls;
export type ApiInput<N extends ApiCallName> = ApiCalls[N]["input"];
export type ApiOutput<N extends ApiCallName> = ApiCalls[N]["output"];

export type Suggestion = ApiOutput<"suggest.forContext">["items"][number];
export type DealMatch = ApiOutput<"deals.match">[number];
export type TaxonomyList = ApiOutput<"taxonomy.list">;
export type NotificationItem = ApiOutput<"notifications.list">["items"][number];
export type EventInput = In["events"]["track"]["events"][number];
export type SessionUser = Extract<Out["auth"]["login"], { token: string }>["user"];
export type VocabularyAnswer = Out["suggest"]["vocabulary"];

const CALLS: Record<ApiCallName, true> = {
  "deals.match": true,
  "deals.list": true,
  "suggest.forContext": true,
  "shares.create": true,
  "search.query": true,
  "taxonomy.list": true,
  "notifications.list": true,
  "notifications.markRead": true,
  "feedback.markSuggestion": true,
};

export const isApiCallName = (name: unknown): name is ApiCallName =>
  typeof name === "string" && Object.hasOwn(CALLS, name);
