import { type FormEvent, useEffect, useMemo, useState } from "react";
import { session } from "./api/client";
import { translator } from "./i18n/translate";
import { popupCss } from "./popup-style";
import { DEFAULT_SERVER_URL, getServerUrl, normalizeServerUrl, setServerUrl } from "./storage/settings";

/** The server URL; a server other than the built-in one needs Chrome's permission for its origin. */
export default function Options() {
  const t = useMemo(() => translator(), []);
  const [url, setUrl] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void getServerUrl().then(setUrl);
  }, []);
  async function save(e: FormEvent) {
    e.preventDefault();
    const normalized = normalizeServerUrl(url);
    if (!normalized) {
      setMessage(t("invalidUrl"));
      return;
    }
    const origin = new URL(normalized).origin;
    if (origin !== new URL(DEFAULT_SERVER_URL).origin) {
      const granted = await chrome.permissions.request({ origins: [`${origin}/*`] });
      if (!granted) {
        setMessage(t("permissionDenied"));
        return;
      }
    }
    const current = await session({ action: "status" });
    // a token belongs to the server that issued it
    if (current.signedIn && current.serverUrl !== normalized) await session({ action: "logout" });
    await setServerUrl(normalized);
    setUrl(normalized);
    setMessage(t("saved"));
  }
  return (
    <main className="popup">
      <style>{popupCss}</style>
      <h1>
        {t("appName")} — {t("options")}
      </h1>
      <form className="stack" onSubmit={save}>
        <label>
          {t("serverUrl")}
          <input name="serverUrl" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <button type="submit">{t("save")}</button>
        {message && <div className="muted">{message}</div>}
      </form>
    </main>
  );
}
