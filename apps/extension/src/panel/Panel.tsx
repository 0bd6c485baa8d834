import type { ExtensionSurface, TaxonomyTerm } from "@pitchside/shared";
import { useCallback, useEffect, useMemo, useState } from "react";
import { insertLink } from "../adapters/insert-link";
import type { PanelTarget } from "../adapters/page-context";
import type { ApiOutput, DealMatch, NotificationItem, SuggestRequest } from "../api/calls";
import { api, track } from "../api/client";
import { pageLanguage, type Translate, translator } from "../i18n/translate";
import { ContextSelect } from "./ContextSelect";
import { copyText } from "./clipboard";
import { Notifications } from "./Notifications";
import { useLibrarySearch, usePageContext, usePanelOpen, useSession } from "./panel-hooks";
import { type PanelItem, SuggestionItem } from "./SuggestionItem";
import { loadTaxonomy } from "./taxonomy-cache";

/** Each answer records suggestion_shown events: wait until the rep pauses. */
const SUGGEST_DEBOUNCE_MS = 600;

type SuggestResult = ApiOutput<"suggest.forContext">;

interface Props {
  surface: ExtensionSurface;
  target: PanelTarget;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function Panel({ surface, target }: Props) {
  const lang = useMemo(() => pageLanguage(document), []);
  const t = useMemo(() => translator(lang), [lang]);
  const status = useSession();
  const signedIn = status?.signedIn === true;
  const [taxonomy, setTaxonomy] = useState<TaxonomyTerm[] | null>(null);
  const { outgoing, missing } = usePageContext(target, taxonomy);
  const [matches, setMatches] = useState<DealMatch[]>([]);
  const [myDeals, setMyDeals] = useState<{ id: string; name: string }[]>([]);
  const [dealChoice, setDealChoice] = useState("auto");
  const [stage, setStage] = useState("");
  const [persona, setPersona] = useState("");
  const [result, setResult] = useState<SuggestResult | null>(null);
  const [notifications, setNotifications] = useState<NotificationItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = target.editor ? "compose" : "thread";
  const [open, setOpen] = usePanelOpen(kind);
  const [query, setQuery] = useState("");
  const hits = useLibrarySearch(signedIn, query);

  useEffect(() => {
    if (!signedIn) return;
    loadTaxonomy().then(setTaxonomy, (err: unknown) => setError(errorText(err)));
    api("deals.list", { owner: "me", status: ["open"], limit: 50, offset: 0 })
      .then((list) => setMyDeals(list.items.map((d) => ({ id: d.id, name: d.name }))))
      .catch(() => undefined);
    api("notifications.list", { unreadOnly: false, limit: 5 })
      .then((list) => setNotifications(list.items))
      .catch(() => undefined);
  }, [signedIn]);

  const recipientsKey = outgoing?.recipients.join(",") ?? "";
  useEffect(() => {
    if (!signedIn || !recipientsKey) {
      setMatches([]);
      return;
    }
    let live = true;
    api("deals.match", { recipientEmails: recipientsKey.split(","), limit: 20 })
      .then((found) => live && setMatches(found))
      .catch((err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [signedIn, recipientsKey]);

  const dealId = dealChoice === "auto" ? matches[0]?.id : dealChoice === "none" ? undefined : dealChoice;
  const recipient = outgoing?.recipients[0];

  useEffect(() => {
    if (!signedIn || !outgoing) return;
    const input: SuggestRequest = {
      surface,
      limit: 5,
      uiLanguage: lang,
      language: outgoing.language,
      signals: {
        competitors: outgoing.competitors,
        objections: outgoing.objections,
        keywords: outgoing.keywords,
      },
      ...(dealId ? { dealId } : {}),
      ...(dealChoice !== "none" && outgoing.recipients.length > 0
        ? { recipientEmails: outgoing.recipients }
        : {}),
      ...(stage ? { stage } : {}),
      ...(persona ? { persona } : {}),
      ...(outgoing.title ? { title: outgoing.title } : {}),
    };
    let live = true;
    const timer = setTimeout(() => {
      api("suggest.forContext", input).then(
        (found) => {
          if (!live) return;
          setResult(found);
          setError(null);
        },
        (err: unknown) => live && setError(errorText(err)),
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [signedIn, outgoing, dealId, dealChoice, stage, persona, surface, lang]);

  const shareFor = useCallback(
    (item: PanelItem) =>
      api("shares.create", {
        assetId: item.asset.id,
        surface,
        ...(dealId ? { dealId } : {}),
        ...(recipient && dealChoice !== "none" ? { recipientEmail: recipient } : {}),
      }),
    [dealId, dealChoice, recipient, surface],
  );

  async function act(item: PanelItem, rank: number, how: "insert" | "copy") {
    setBusy(true);
    setNotice(null);
    try {
      const link = await shareFor(item);
      const inserted =
        how === "insert" && target.editor ? insertLink(target.editor, link.url, item.asset.title) : false;
      if (!inserted) await copyText(link.url);
      setNotice(inserted ? t("inserted") : how === "insert" ? t("insertFailedCopied") : t("copied"));
      await track([
        {
          type: inserted ? "link_inserted" : "link_copied",
          assetId: item.asset.id,
          shareId: link.id,
          surface,
          ...(dealId ? { dealId } : {}),
          props: { rank },
        },
      ]);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function preview(item: PanelItem, rank: number) {
    if (!status) return;
    window.open(`${status.serverUrl}/library/assets/${item.asset.id}`, "_blank", "noopener");
    void track([
      {
        type: "suggestion_clicked",
        assetId: item.asset.id,
        surface,
        ...(dealId ? { dealId } : {}),
        props: { rank },
      },
    ]).catch(() => undefined);
  }

  const terms = (kind: TaxonomyTerm["kind"]) => (taxonomy ?? []).filter((term) => term.kind === kind);
  const label = (kind: TaxonomyTerm["kind"], key: string | null | undefined) => {
    const term = terms(kind).find((x) => x.key === key);
    return term ? term.label[lang] : (key ?? "");
  };
  const termOptions = (kind: TaxonomyTerm["kind"]) =>
    terms(kind).map((term) => ({ value: term.key, label: term.label[lang] }));
  const automatic = (what: string | null | undefined) =>
    what ? `${t("automatic")}: ${what}` : t("automatic");
  const dealOptions = [
    ...matches.map((d) => ({ value: d.id, label: d.name })),
    ...myDeals
      .filter((d) => !matches.some((m) => m.id === d.id))
      .map((d) => ({ value: d.id, label: d.name })),
  ];
  const autoStage = result?.context.stage;
  const firstSendable = result?.items.find((item) => item.asset.audience !== "internal") ?? null;
  const autoPersona = result?.context.persona;

  return (
    <div className="ps" data-testid="ps-panel" data-surface={surface} data-kind={kind} lang={lang}>
      <div className="ps-head">
        <span>{t("appName")}</span>
        {!open && kind === "compose" && signedIn && (
          <CompactBar
            t={t}
            deal={dealChoice === "none" ? null : (dealOptions.find((d) => d.value === dealId)?.label ?? null)}
            stage={label("stage", stage || autoStage)}
            top={firstSendable}
            busy={busy}
            canInsert={target.editor !== null}
            onInsert={(item) => void act(item, 1, "insert")}
          />
        )}
        <button type="button" aria-expanded={open} data-testid="ps-toggle" onClick={() => setOpen(!open)}>
          {open ? t("hide") : t("more")}
        </button>
      </div>
      {!open && notice && (
        <div className="ps-note ps-bar-note" data-testid="ps-notice">
          {notice}
        </div>
      )}
      {!open && error && <div className="ps-error ps-bar-note">{t("error", { error })}</div>}
      {open && (
        <div className="ps-body">
          {!signedIn ? (
            <div className="ps-note">{t("signInFromPopup")}</div>
          ) : (
            <>
              {missing.length > 0 && <div className="ps-note">{t("manualMode")}</div>}
              <ContextSelect
                id="ps-deal"
                label={t("deal")}
                value={dealChoice}
                onChange={setDealChoice}
                automatic={{ value: "auto", label: automatic(matches[0]?.name) }}
                options={[{ value: "none", label: t("noDeal") }, ...dealOptions]}
              />
              <ContextSelect
                id="ps-stage"
                label={t("stage")}
                value={stage}
                onChange={setStage}
                automatic={{ value: "", label: automatic(autoStage && label("stage", autoStage)) }}
                options={termOptions("stage")}
              />
              <ContextSelect
                id="ps-persona"
                label={t("persona")}
                value={persona}
                onChange={setPersona}
                automatic={{ value: "", label: automatic(autoPersona && label("persona", autoPersona)) }}
                options={termOptions("persona")}
              />
              <input
                type="search"
                aria-label={t("search")}
                placeholder={t("searchPlaceholder")}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
              <div className="ps-section">{hits ? t("search") : t("suggestions")}</div>
              {hits === null && !result ? (
                <div className="ps-note">{t("loading")}</div>
              ) : (hits ?? result?.items ?? []).length === 0 ? (
                <div className="ps-note">{hits ? t("noResults") : t("noSuggestions")}</div>
              ) : (
                <ul data-testid="ps-suggestions">
                  {(hits ?? result?.items ?? []).map((item, i) => (
                    <SuggestionItem
                      key={item.asset.id}
                      item={item}
                      t={t}
                      busy={busy}
                      canInsert={target.editor !== null}
                      onInsert={() => void act(item, i + 1, "insert")}
                      onCopy={() => void act(item, i + 1, "copy")}
                      onPreview={() => preview(item, i + 1)}
                    />
                  ))}
                </ul>
              )}
              {notice && (
                <div className="ps-note" data-testid="ps-notice">
                  {notice}
                </div>
              )}
              {error && <div className="ps-error">{t("error", { error })}</div>}
              <Notifications items={notifications} t={t} />
            </>
          )}
        </div>
      )}
    </div>
  );
}

interface CompactBarProps {
  t: Translate;
  deal: string | null;
  stage: string;
  top: PanelItem | null;
  busy: boolean;
  canInsert: boolean;
  onInsert(item: PanelItem): void;
}

/** The collapsed compose panel: one line with the deal, its stage and the top sendable suggestion. */
function CompactBar({ t, deal, stage, top, busy, canInsert, onInsert }: CompactBarProps) {
  return (
    <span className="ps-bar" data-testid="ps-bar">
      <span className="ps-bar-context">{[deal ?? t("noDeal"), stage].filter(Boolean).join(" · ")}</span>
      {top && (
        <>
          <span className="ps-bar-top" title={top.asset.title}>
            {top.asset.title}
          </span>
          {canInsert && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              data-testid="ps-bar-insert"
              onClick={() => onInsert(top)}
            >
              {t("insertLink")}
            </button>
          )}
        </>
      )}
    </span>
  );
}
