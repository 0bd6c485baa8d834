/**
 * Upload and download throughput of the two file stores in one run: a local directory and an
 * S3-protocol server (s3rver, as the tests use, on this machine), through the same FileStorage
 * calls the API makes. Prints MB/s as the median of N runs per operation, and S3's ratio to local.
 *
 *   node --import tsx bench/storage-throughput.ts
 *
 * Knobs (env): BENCH_FILE_MB (32), BENCH_RUNS (5).
 * - putFile: what an upload does once its staged file is checked (local: a rename on one
 *   filesystem, so its figure is no disk speed; S3: a multipart upload in 8 MB parts).
 * - putBuffer: the bytes written from memory (local: a file write; S3: one PutObject).
 * - read: the whole file streamed back (what a download sends).
 * - read 1 MB range: one pdf.js-sized range, as a latency in ms.
 */

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { copyFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type FileStorage, localStorage, s3Storage, startS3Server } from "@pitchside/api/testing";
import { median } from "./stats";

const fileMb = Number(process.env.BENCH_FILE_MB ?? 32);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const MB = 1024 * 1024;

async function drain(storage: FileStorage, key: string, range?: { start: number; end: number }) {
  const { body } = await storage.read(key, range);
  let bytes = 0;
  for await (const chunk of body) bytes += (chunk as Buffer).length;
  return bytes;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

interface Figures {
  putFile: number;
  putBuffer: number;
  read: number;
  rangeMs: number;
}

async function measure(storage: FileStorage, work: string, data: Buffer, source: string): Promise<Figures> {
  const rate = (ms: number[]) => data.length / MB / (median(ms) / 1000);
  const putFile: number[] = [];
  const putBuffer: number[] = [];
  const read: number[] = [];
  const range: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const staged = path.join(work, `staged-${run}`);
    await copyFile(source, staged); // the staging copy is the upload's, not the store's: not timed
    putFile.push(await timed(() => storage.putFile(`bench/file-${run}`, staged)));
    putBuffer.push(await timed(() => storage.putBuffer(`bench/buffer-${run}`, data)));
    read.push(await timed(() => drain(storage, `bench/file-${run}`)));
    const start = Math.floor(data.length / 2);
    range.push(await timed(() => drain(storage, `bench/file-${run}`, { start, end: start + MB - 1 })));
  }
  for (let run = 0; run < runs; run += 1) {
    await storage.remove(`bench/file-${run}`);
    await storage.remove(`bench/buffer-${run}`);
  }
  return { putFile: rate(putFile), putBuffer: rate(putBuffer), read: rate(read), rangeMs: median(range) };
}

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), "pitchside-bench-storage-"));
  const s3 = await startS3Server("pitchside-bench");
  const bucket = s3Storage(s3.settings, path.join(work, "s3-tmp"));
  try {
    const data = randomBytes(fileMb * MB);
    const source = path.join(work, "source.bin");
    await writeFile(source, data);
    console.log(`storage throughput: ${fileMb} MB file, median of ${runs} runs (s3rver on 127.0.0.1)`);
    const local = await measure(localStorage(path.join(work, "files")), work, data, source);
    const remote = await measure(bucket, work, data, source);
    const row = (label: string, l: number, r: number, unit: string) =>
      console.log(
        `${label.padEnd(18)} local ${l.toFixed(1).padStart(9)} ${unit}   s3 ${r.toFixed(1).padStart(9)} ${unit}   s3/local ${(r / l).toFixed(3)}`,
      );
    row("upload putFile", local.putFile, remote.putFile, "MB/s");
    row("upload putBuffer", local.putBuffer, remote.putBuffer, "MB/s");
    row("download read", local.read, remote.read, "MB/s");
    row("read 1 MB range", local.rangeMs, remote.rangeMs, "ms  ");
  } finally {
    bucket.close();
    await s3.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
