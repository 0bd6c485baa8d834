/**
 * A file that cannot be processed, with a message meant for the marketer who
 * uploaded it ("PDF is damaged or truncated: …", "Archive would inflate …").
 */
export class ProcessingError extends Error {
  override name = "ProcessingError";
}

/** The reason inside an unknown thrown value, for wrapping library errors into a ProcessingError. */
export function reasonOf(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return String(err);
}

/** An error of the file system (ENOENT, EACCES, EIO …): our storage's fault, not the uploaded file's. */
export function isFileSystemError(err: unknown): boolean {
  return err instanceof Error && "syscall" in err && typeof (err as NodeJS.ErrnoException).code === "string";
}
