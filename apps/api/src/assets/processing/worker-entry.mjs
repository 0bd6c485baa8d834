// Plain JavaScript on purpose: Node 20 ignores `--import tsx` in a worker's execArgv, so the
// worker loads tsx itself and, through it, the TypeScript worker (`workerData.entry`).
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.entry, import.meta.url);
