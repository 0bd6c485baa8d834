/// <reference path="./s3rver.d.ts" />
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "../src/files/s3-storage";

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** What `s3Storage` needs to reach the bucket. */
  settings: S3Settings;
  /** The environment that points the API at this server's bucket. */
  env: Record<string, string>;
  /** The server itself, for tests that make it misbehave like a faulty bucket. */
  server: S3rver;
  stop(): Promise<void>;
}

/**
 * A real S3-protocol server (the npm `s3rver`) on a free port, its objects in a temporary
 * directory, with one empty bucket; the API reaches it path-style with s3rver's fixed key.
 */
export async function startS3Server(bucket = "pitchside-test"): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(tmpdir(), "pitchside-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    server,
    settings: {
      bucket,
      region: "us-east-1",
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    },
    env: {
      STORAGE: "s3",
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "1",
    },
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
