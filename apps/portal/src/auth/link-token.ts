import { useLocation } from "react-router";

/** The token of an invitation or reset link: it rides in the URL's fragment, which no server sees. */
export function useLinkToken(): string | null {
  const token = useLocation().hash.replace(/^#/, "");
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}
