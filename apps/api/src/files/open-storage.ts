import type { Config } from "../config";
import { localStorage } from "./local-storage";
import { s3Storage } from "./s3-storage";
import type { FileStorage } from "./storage";
import { uploadStagingDir } from "./upload-staging";

/** The configured store. Jobs' copies of S3 files go to the staging directory, which a restart clears. */
export function openStorage(config: Config): FileStorage {
  const { storage } = config;
  if (storage.kind === "local") return localStorage(storage.dir);
  return s3Storage(
    {
      bucket: storage.bucket,
      region: storage.region,
      forcePathStyle: storage.forcePathStyle,
      ...(storage.endpoint ? { endpoint: storage.endpoint } : {}),
      ...(config.s3Credentials ? { credentials: config.s3Credentials } : {}),
    },
    uploadStagingDir(config.dataDir),
  );
}
