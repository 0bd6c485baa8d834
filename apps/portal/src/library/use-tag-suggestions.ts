import { skipToken, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "../trpc";
import { anyPending } from "./tag-suggestions";

const POLL_MS = 1500;
/** Past this, a file still unread is left alone: the marketer tags it by hand. */
const GIVE_UP_MS = 60_000;
/** The most ids assets.suggestMetadata takes at once. */
const MAX_IDS = 50;

/**
 * Tags suggested from the text of just-uploaded assets, asked again every 1.5 s while some file is
 * still being read (at most a minute). `answers` is set once every file's text is read or failed.
 */
export function useTagSuggestions(ids: readonly string[]) {
  const trpc = useTRPC();
  const key = ids.join(",");
  const [expired, setExpired] = useState<string | null>(null);
  const asking = ids.length > 0 && ids.length <= MAX_IDS && expired !== key;
  useEffect(() => {
    if (!key) return;
    const timer = setTimeout(() => setExpired(key), GIVE_UP_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const query = useQuery({
    ...trpc.assets.suggestMetadata.queryOptions(
      ids.length > 0 && ids.length <= MAX_IDS ? { ids: [...ids] } : skipToken,
    ),
    refetchInterval: (q) => (asking && q.state.data && anyPending(q.state.data) ? POLL_MS : false),
    refetchOnWindowFocus: false,
  });
  const settled = query.data && !anyPending(query.data) ? query.data : null;
  return { answers: settled, reading: asking && !settled && !query.isError };
}
