import { type FormEvent, useEffect, useMemo, useState } from "react";
import { api, session } from "./api/client";
import type { SessionStatus } from "./api/messages";
import { ApiError } from "./api/trpc-http";
import { explainError, needsSignIn } from "./i18n/explain-error";
import { translator } from "./i18n/translate";
import { copyText } from "./panel/clipboard";
import { useLibrarySearch } from "./panel/panel-hooks";
import { popupCss } from "./popup-style";

function SignIn({ status, onDone }: { status: SessionStatus; onDone(s: SessionStatus): void }) {
  const t = useMemo(() => translator(), []);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await session({ action: "login", email, password }));
    } catch (err) {
      // signing in, UNAUTHORIZED can only mean the credentials, and FORBIDDEN the workspace's "SSO required"
      const why = needsSignIn(err)
        ? t("wrongCredentials")
        : err instanceof ApiError && err.code === "FORBIDDEN"
          ? t("ssoRequired")
          : explainError(err, t);
      setError(t("signInFailed", { error: why }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="stack">
      <div className="muted">
        {t("server")}: {status.serverUrl}{" "}
        <button type="button" className="link" onClick={() => chrome.runtime.openOptionsPage()}>
          {t("options")}
        </button>
      </div>
      <button type="button" onClick={() => void session({ action: "browserLogin" })}>
        {t("signInWithPortal")}
      </button>
      <div className="muted">{t("signInWithPortalHelp")}</div>
      <div className="muted">{t("orPassword")}</div>
      <label>
        {t("email")}
        <input name="email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        {t("password")}
        <input
          name="password"
          type="password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t("signIn")}
      </button>
      {error && <div className="error">{error}</div>}
    </form>
  );
}

function QuickSearch() {
  const t = useMemo(() => translator(), []);
  const [q, setQ] = useState("");
  const hits = useLibrarySearch(true, q);
  const [copied, setCopied] = useState<string | null>(null);
  async function copy(assetId: string) {
    const share = await api("shares.create", { assetId });
    if (await copyText(share.url)) setCopied(assetId);
  }
  return (
    <div className="stack">
      <input
        type="search"
        aria-label={t("search")}
        placeholder={t("searchPlaceholder")}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {hits?.length === 0 && <div className="muted">{t("noResults")}</div>}
      <ul>
        {hits?.map((hit) => (
          <li key={hit.asset.id}>
            <span>{hit.asset.title}</span>
            <button type="button" onClick={() => void copy(hit.asset.id)}>
              {copied === hit.asset.id ? t("copied") : t("copyLink")}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function Popup() {
  const t = useMemo(() => translator(), []);
  const [status, setStatus] = useState<SessionStatus | null>(null);
  useEffect(() => {
    void session({ action: "status" }).then(setStatus);
  }, []);
  return (
    <main className="popup">
      <style>{popupCss}</style>
      <h1>{t("appName")}</h1>
      {status === null ? null : status.signedIn ? (
        <div className="stack">
          <div className="row">
            <span data-testid="signed-in">{t("signedInAs", { name: status.user?.name ?? "" })}</span>
            <button type="button" onClick={() => void session({ action: "logout" }).then(setStatus)}>
              {t("signOut")}
            </button>
          </div>
          <QuickSearch />
        </div>
      ) : (
        <SignIn status={status} onDone={setStatus} />
      )}
    </main>
  );
}
