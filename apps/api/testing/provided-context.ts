// What the global setup hands every test file through vitest's provide/inject: the run's one Meilisearch.
declare module "vitest" {
  export interface ProvidedContext {
    meiliUrl: string;
    meiliKey: string;
  }
}

export {};
