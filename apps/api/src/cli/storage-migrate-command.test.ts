import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type TestS3Server } from "../../testing/s3-server";
import { loadConfig } from "../config";
import { localStorage } from "../files/local-storage";
import { openStorage } from "../files/open-storage";
import { readSmallFile, versionFileKey, versionPageImageKey } from "../files/storage";
import { runCli } from "./commands";

let dataDir: string;
let s3: TestS3Server;
const saved = { ...process.env };
const versionId = randomUUID();
const files: Record<string, Buffer> = {
  [versionFileKey(versionId)]: Buffer.from("%PDF-1.7 the original deck"),
  [versionPageImageKey(versionId, 1)]: Buffer.from("RIFF page one"),
  [`versions/${versionId}/thumbnail`]: Buffer.from("RIFF card"),
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-cli-migrate-"));
  s3 = await startS3Server("pitchside-migrate");
  // the CLI reads its configuration from the environment, as `pnpm cli` does
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SOFFICE_PATH: "off",
    FFMPEG_PATH: "off",
    ...s3.env,
  });
  const local = localStorage(path.join(dataDir, "files"));
  for (const [key, data] of Object.entries(files)) await local.putBuffer(key, data);
  // not ours: left where it is
  await writeFile(path.join(dataDir, "files", ".DS_Store"), "finder");
});
afterAll(async () => {
  process.env = saved;
  await s3?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const bucketHolds = async (key: string) => {
  const bucket = openStorage(loadConfig());
  try {
    return await readSmallFile(bucket, key, 1024 * 1024);
  } finally {
    bucket.close();
  }
};

describe("pnpm cli storage:migrate --to s3", () => {
  it("asks where to, and for the bucket's settings", async () => {
    expect((await runCli(["storage:migrate"])).out).toMatch(/--to: only s3/);
    process.env.STORAGE = "local";
    const { code, out } = await runCli(["storage:migrate", "--to", "s3"]);
    process.env.STORAGE = "s3";
    expect(code).toBe(1);
    expect(out).toMatch(/set STORAGE=s3/);
  });

  it("copies every file, verified, and sends nothing twice", async () => {
    const first = await runCli(["storage:migrate", "--to", "s3"]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Copied 3 files .* 0 were already there/);
    expect(first.out).toMatch(/Left alone 1 files .*\.DS_Store/);
    expect(first.out).toMatch(/SHA-256 matches/);
    for (const [key, data] of Object.entries(files))
      expect((await bucketHolds(key))?.equals(data)).toBe(true);

    const second = await runCli(["storage:migrate", "--to", "s3"]);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^Copied 0 files .* 3 were already there and unchanged/);

    // a file changed on disk since is sent again
    const changed = Buffer.from("%PDF-1.7 the deck, fixed");
    await localStorage(path.join(dataDir, "files")).putBuffer(versionFileKey(versionId), changed);
    const third = await runCli(["storage:migrate", "--to", "s3"]);
    expect(third.out).toMatch(/^Copied 1 files .* 2 were already there/);
    expect((await bucketHolds(versionFileKey(versionId)))?.equals(changed)).toBe(true);
  });

  it("fails, naming the file, when the bucket gives back other bytes than it was sent", async () => {
    const key = versionPageImageKey(versionId, 1);
    await localStorage(path.join(dataDir, "files")).putBuffer(key, Buffer.from("RIFF page one, redrawn"));
    // a faulty bucket: s3rver made to return flipped bytes for this one object
    const store = s3.server.store;
    const getObject = store.getObject.bind(store);
    store.getObject = async (bucket, objectKey, options) => {
      const object = await getObject(bucket, objectKey, options);
      if (object?.content && objectKey === key) {
        const chunks: Buffer[] = [];
        for await (const chunk of object.content) chunks.push(chunk as Buffer);
        object.content = Readable.from([Buffer.concat(chunks).map((b) => b ^ 0xff)]);
      }
      return object;
    };
    try {
      const { code, out } = await runCli(["storage:migrate", "--to", "s3"]);
      expect(code).toBe(1);
      expect(out).toMatch(/1 copies read back with a different checksum/);
      expect(out).toContain(`  ${key}`);
    } finally {
      store.getObject = getObject;
    }
  });
});
