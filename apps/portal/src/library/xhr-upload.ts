import type { AssetMetaInput } from "@pitchside/shared/schemas";

export interface UploadResult {
  assetId: string;
  versionId: string;
  status: string;
  /** A new version of a published asset waiting for review before it goes live. */
  awaitingReview: boolean;
}

class UploadError extends Error {
  override name = "UploadError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * POST /api/uploads with XMLHttpRequest, because fetch cannot report upload progress.
 * `assetId` adds a new version to that asset; otherwise `meta` describes a new one, which
 * `unsaved` keeps out of the library until its details are saved.
 */
export function uploadFile(
  file: File,
  target: { assetId?: string; changeNote?: string; meta?: Partial<AssetMetaInput>; unsaved?: boolean },
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    form.append("file", file, file.name);
    if (target.assetId) form.append("assetId", target.assetId);
    if (target.changeNote?.trim()) form.append("changeNote", target.changeNote.trim());
    if (target.meta) form.append("meta", JSON.stringify(target.meta));
    if (target.unsaved) form.append("unsaved", "1");
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener("load", () => {
      let body: { error?: string } & Partial<UploadResult> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON (a proxy's error page): the status line says enough
      }
      if (xhr.status === 201 && body.assetId && body.versionId) {
        onProgress(1);
        resolve({
          assetId: body.assetId,
          versionId: body.versionId,
          status: body.status ?? "",
          awaitingReview: body.awaitingReview === true,
        });
      } else {
        reject(new UploadError(body.error ?? `${xhr.status} ${xhr.statusText}`, xhr.status));
      }
    });
    xhr.addEventListener("error", () => reject(new UploadError("network error", 0)));
    xhr.addEventListener("abort", () => reject(new UploadError("cancelled", 0)));
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.open("POST", "/api/uploads");
    xhr.send(form);
  });
}
