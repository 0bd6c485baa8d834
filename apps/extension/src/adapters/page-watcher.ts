import type { PanelTarget } from "./page-context";

export interface WatchOptions {
  /** Where mutations are observed (childList only: typing and attribute churn never wake us). */
  root: Element;
  find(): PanelTarget[];
  mount(target: PanelTarget): void;
  unmount(target: PanelTarget): void;
  /** Mutations coalesce into one scan after this quiet time. Default 250 ms. */
  debounceMs?: number;
  /** A light rescan for changes no childList mutation reveals (SPA navigation, reused nodes). Default 2 s. */
  rescanMs?: number;
}

/** Keeps one mounted panel per target: mounts new targets, unmounts those that left the page. */
export function watchTargets(opts: WatchOptions): () => void {
  const mounted = new Map<HTMLElement, PanelTarget>();
  const scan = () => {
    const found = opts.find();
    const keys = new Set(found.map((t) => t.key));
    for (const [key, target] of mounted) {
      if (!keys.has(key) || !key.isConnected) {
        mounted.delete(key);
        opts.unmount(target);
      }
    }
    for (const target of found) {
      if (mounted.has(target.key)) continue;
      mounted.set(target.key, target);
      opts.mount(target);
    }
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (pending !== undefined) return;
    pending = setTimeout(() => {
      pending = undefined;
      scan();
    }, opts.debounceMs ?? 250);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(opts.root, { childList: true, subtree: true });
  const timer = setInterval(schedule, opts.rescanMs ?? 2000);
  scan();
  return () => {
    observer.disconnect();
    clearInterval(timer);
    clearTimeout(pending);
    for (const target of mounted.values()) opts.unmount(target);
    mounted.clear();
  };
}
