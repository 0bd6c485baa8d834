import { useCallback, useRef, useState } from "react";
import { type UploadResult, uploadFile } from "./xhr-upload";

export interface QueuedFile {
  key: string;
  file: File;
  /** Starts as the file name without its extension. */
  title: string;
  /** The marketer typed in the title: a suggested one no longer replaces it. */
  titleEdited: boolean;
  progress: number;
  state: "waiting" | "uploading" | "done" | "failed";
  error?: string;
  result?: UploadResult;
}

/** Files uploaded at once; more wait their turn so a bulk drop does not flood the server. */
const PARALLEL = 3;

const titleOf = (name: string) => name.replace(/\.[^.]+$/, "") || name;

/** A queue of files uploaded as new assets, each with its own progress. */
export function useUploadQueue() {
  const [items, setItems] = useState<QueuedFile[]>([]);
  const waiting = useRef<QueuedFile[]>([]);
  const running = useRef(0);
  const seq = useRef(0);

  const patch = useCallback((key: string, change: Partial<QueuedFile>) => {
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));
  }, []);

  const pump = useCallback(() => {
    while (running.current < PARALLEL && waiting.current.length > 0) {
      const next = waiting.current.shift();
      if (!next) break;
      running.current += 1;
      patch(next.key, { state: "uploading" });
      // the upload page's form saves the details; until then the asset stays out of the library
      uploadFile(next.file, { meta: { title: next.title }, unsaved: true }, (progress) =>
        patch(next.key, { progress }),
      )
        .then(
          (result) => patch(next.key, { state: "done", progress: 1, result }),
          (err: unknown) =>
            patch(next.key, { state: "failed", error: err instanceof Error ? err.message : String(err) }),
        )
        .finally(() => {
          running.current -= 1;
          pump();
        });
    }
  }, [patch]);

  const add = useCallback(
    (files: File[]) => {
      const queued = files.map((file): QueuedFile => {
        seq.current += 1;
        return {
          key: `f${seq.current}`,
          file,
          title: titleOf(file.name),
          titleEdited: false,
          progress: 0,
          state: "waiting",
        };
      });
      setItems((list) => [...list, ...queued]);
      waiting.current.push(...queued);
      pump();
    },
    [pump],
  );

  const retry = useCallback(
    (key: string) => {
      setItems((list) => {
        const item = list.find((i) => i.key === key);
        if (item) waiting.current.push({ ...item, state: "waiting", progress: 0 });
        return list.map((i) =>
          i.key === key ? { ...i, state: "waiting", progress: 0, error: undefined } : i,
        );
      });
      queueMicrotask(pump);
    },
    [pump],
  );

  const editTitle = useCallback(
    (key: string, title: string) => patch(key, { title, titleEdited: true }),
    [patch],
  );
  /** Titles suggested by file key, for files whose title the marketer has not edited. */
  const suggestTitles = useCallback((titles: Readonly<Record<string, string>>) => {
    setItems((list) =>
      list.map((i) => (i.key in titles && !i.titleEdited ? { ...i, title: titles[i.key] ?? i.title } : i)),
    );
  }, []);
  const clear = useCallback(() => setItems([]), []);
  return { items, add, retry, editTitle, suggestTitles, clear };
}
