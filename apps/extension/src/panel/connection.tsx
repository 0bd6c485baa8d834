import { useEffect, useSyncExternalStore } from "react";
import { connection } from "../api/client";
import type { ConnectionState } from "../api/connection-monitor";
import type { Translate } from "../i18n/translate";

/**
 * Whether the server answers this page. Effects that load from the server list `recoveries` among
 * their dependencies, so what failed during an outage loads again when the server is back.
 */
export function useConnection(): ConnectionState {
  useEffect(() => {
    // the network or the tab coming back is a good moment to look again, whatever the backoff says
    const retry = () => connection.retryNow();
    const onVisible = () => document.visibilityState === "visible" && retry();
    window.addEventListener("online", retry);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener("online", retry);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
  return useSyncExternalStore(connection.subscribe, connection.current);
}

/** "Reconnecting…" while the server cannot be reached; the failed call's error says where and what to do. */
export function ConnectionNote({ state, t }: { state: ConnectionState; t: Translate }) {
  if (!state.reconnecting) return null;
  return (
    <div className="ps-note ps-bar-note" role="status" data-testid="ps-reconnecting">
      {t("reconnecting")}
    </div>
  );
}
