import { loadConfig } from "../config";
import { AppError } from "../errors";
import { localStorage } from "../files/local-storage";
import { openStorage } from "../files/open-storage";
import type { S3FileStorage } from "../files/s3-storage";
import { copyStoreToBucket } from "../files/storage-migrate";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `pnpm cli storage:migrate --to s3`: the local data directory's files into the configured bucket. */
export const storageMigrateCommand = {
  summary: "Copy DATA_DIR/files into the S3 bucket (STORAGE=s3, S3_*) and verify every copy's checksum",
  usage: "storage:migrate --to s3",
  options: { to: { type: "string" as const } },
  async run(values: Record<string, unknown>): Promise<string> {
    if (values.to !== "s3") throw new AppError("BAD_REQUEST", "--to: only s3 is supported (--to s3)");
    const config = loadConfig();
    if (config.storage.kind !== "s3") {
      throw new AppError(
        "BAD_REQUEST",
        "set STORAGE=s3 and the bucket's S3_* variables, as the server will run with them; the files are read from DATA_DIR/files",
      );
    }
    const sourceDir = `${config.dataDir}/files`;
    const target = openStorage(config) as S3FileStorage;
    try {
      await target.check();
      const report = await copyStoreToBucket(localStorage(sourceDir), target, (done) =>
        process.stderr.write(`\rchecked ${done}`),
      );
      process.stderr.write("\n");
      const lines = [
        `Copied ${report.copied} files (${mb(report.bytes)}) from ${sourceDir} to bucket ${target.bucket}; ${report.skipped} were already there and unchanged.`,
        ...(report.ignored.length > 0
          ? [
              `Left alone ${report.ignored.length} files that are not Pitchside's: ${report.ignored.join(", ")}`,
            ]
          : []),
      ];
      if (report.mismatched.length > 0) {
        throw new AppError(
          "CONFLICT",
          [
            ...lines,
            `${report.mismatched.length} copies read back with a different checksum (run again to retry them):`,
            ...report.mismatched.map((key) => `  ${key}`),
          ].join("\n"),
        );
      }
      return [...lines, "Every copy was read back and its SHA-256 matches."].join("\n");
    } finally {
      target.close();
    }
  },
};
