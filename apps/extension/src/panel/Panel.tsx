import { chosenDeal, type ExtensionSurface, type TaxonomyTerm } from "@pitchside/shared";
import { useCallback, useEffect, useMemo, useState } from "react";
import { insertLink } from "../adapters/insert-link";
import type { PanelTarget } from "../adapters/page-context";
import type { ApiOutput, DealMatch, NotificationItem, SuggestRequest } from "../api/calls";
import { api, talkTrack, track } from "../api/client";
import { explainError } from "../i18n/explain-error";
import { pageLanguage, type Translate, translator } from "../i18n/translate";
import { ContextSelect } from "./ContextSelect";
import { copyText } from "./clipboard";
import { ConnectionNote, useConnection } from "./connection";
import { type DealChoice, DealSelect, WhichDeal } from "./DealSelect";
import { Notifications } from "./Notifications";
import { useLibrarySearch, usePageContext, usePanelOpen, useSession } from "./panel-hooks";
import { ResumeNote, useResumeAfterSignIn } from "./resume-after-sign-in";
import { type PanelItem, SuggestionItem } from "./SuggestionItem";
import { markRequest } from "./suggestion-marks";
import { loadTaxonomy } from "./taxonomy-cache";

/** Each answer records suggestion_shown events: wait until the rep pauses. */
const SUGGEST_DEBOUNCE_MS = 600;

type SuggestResult = ApiOutput<"suggest.forContext">;

interface Props {
  surface: ExtensionSurface;
  target: PanelTarget;
}

export function Panel({ surface, target }: Props) {
  const lang = useMemo(() => pageLanguage(document), []);
  const t = useMemo(() => translator(lang), [lang]);
  const errorText = useCallback((err: unknown) => explainError(err, t), [t]);
  // recoveries: what failed to load while the server was unreachable loads again when it is back
  const connection = useConnection();
  const resume = useResumeAfterSignIn();
  const status = useSession();
  const signedIn = status?.signedIn === true;
  const [taxonomy, setTaxonomy] = useState<TaxonomyTerm[] | null>(null);
  const { outgoing, missing } = usePageContext(target, taxonomy, status?.user?.email ?? null);
  const [matches, setMatches] = useState<DealMatch[]>([]);
  const [myDeals, setMyDeals] = useState<DealChoice[]>([]);
  const [dealChoice, setDealChoice] = useState("auto");
  const [stage, setStage] = useState("");
  const [persona, setPersona] = useState("");
  const [result, setResult] = useState<SuggestResult | null>(null);
  const [notifications, setNotifications] = useState<NotificationItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The rep's "helped" / "not helpful" per suggested asset, as the server took it. */
  const [marks, setMarks] = useState<Record<string, boolean | null>>({});
  const [busy, setBusy] = useState(false);
  const kind = target.editor ? "compose" : "thread";
  const [open, setOpen] = usePanelOpen(kind);
  const [query, setQuery] = useState("");
  const hits = useLibrarySearch(signedIn, query);

  // biome-ignore lint/correctness/useExhaustiveDependencies: connection.recoveries reloads after an outage
  useEffect(() => {
    if (!signedIn) return;
    loadTaxonomy().then(setTaxonomy, (err: unknown) => setError(errorText(err)));
    api("deals.list", { owner: "me", status: ["open"], limit: 50, offset: 0 })
      .then((list) => setMyDeals(list.items))
      .catch(() => undefined);
    api("notifications.list", { unreadOnly: false, limit: 5 })
      .then((list) => setNotifications(list.items))
      .catch(() => undefined);
  }, [signedIn, connection.recoveries, errorText]);

  const recipientsKey = outgoing?.recipients.join(",") ?? "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: connection.recoveries reloads after an outage
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
  }, [signedIn, recipientsKey, connection.recoveries, errorText]);

  const { confident, ask: askDeal, dealId } = chosenDeal(matches, dealChoice);
  const recipient = outgoing?.recipients[0];
  // a new message with nothing in it yet: suggestions would be arbitrary
  const blank =
    kind === "compose" &&
    outgoing !== null &&
    outgoing.recipients.length === 0 &&
    outgoing.competitors.length + outgoing.objections.length + outgoing.keywords.length === 0 &&
    !outgoing.persona;

  // biome-ignore lint/correctness/useExhaustiveDependencies: connection.recoveries reloads after an outage
  useEffect(() => {
    if (!signedIn || !outgoing || blank) {
      setResult(null);
      return;
    }
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
      ...(!persona && outgoing.persona ? { persona: outgoing.persona } : {}),
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
  }, [
    signedIn,
    outgoing,
    blank,
    dealId,
    dealChoice,
    stage,
    persona,
    surface,
    lang,
    connection.recoveries,
    errorText,
  ]);

  const shareFor = useCallback(
    (item: PanelItem) =>
      api("shares.create", {
        assetId: item.asset.id,
        surface,
        // the insert or copy is tracked below, as the one event of this action
        trackedByCaller: true,
        ...(dealId ? { dealId } : {}),
        ...(recipient && dealChoice !== "none" ? { recipientEmail: recipient } : {}),
      }),
    [dealId, dealChoice, recipient, surface],
  );

  async function act(item: PanelItem, rank: number, how: "insert" | "copy", resumed = false) {
    setBusy(true);
    setNotice(null);
    try {
      const link = await shareFor(item);
      const inserted =
        how === "insert" && target.editor ? insertLink(target.editor, link.url, item.asset.title) : false;
      if (!inserted) await copyText(link.url);
      const done = inserted ? t("inserted") : how === "insert" ? t("insertFailedCopied") : t("copied");
      setNotice(resumed ? t("finishedAfterSignIn", { done }) : done);
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
      // a sign-in that ended: the click is kept and finished once the rep signs in again
      const action = t(how === "insert" ? "insertLink" : "copyLink");
      const kept = resume.hold(err, {
        action,
        title: item.asset.title,
        run: () => act(item, rank, how, true),
      });
      if (!kept) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function copyTalkTrack(versionId: string) {
    setNotice(null);
    try {
      await copyText(await talkTrack(versionId));
      setNotice(t("talkTrackCopied"));
    } catch (err) {
      setError(errorText(err));
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
  const deals: DealChoice[] = [...matches, ...myDeals.filter((d) => !matches.some((m) => m.id === d.id))];
  const stageLabel = (key: string) => label("stage", key);
  const autoStage = result?.context.stage;
  const firstSendable = result?.items.find((item) => item.asset.audience !== "internal") ?? null;
  const autoPersona = result?.context.persona;

  return (
    <div
      className="ps"
      data-testid="ps-panel"
      data-surface={surface}
      data-kind={kind}
      data-placement={target.placement ?? "inline"}
      lang={lang}
    >
      <div className="ps-head">
        <span>{t("appName")}</span>
        {!open && kind === "compose" && signedIn && (
          <CompactBar
            t={t}
            deal={dealChoice === "none" ? null : (deals.find((d) => d.id === dealId)?.name ?? null)}
            stage={label("stage", stage || autoStage)}
            top={firstSendable}
            hint={blank ? t("writeForSuggestions") : askDeal ? t("whichDeal") : null}
            busy={busy}
            canInsert={target.editor !== null}
            onInsert={(item) => void act(item, 1, "insert")}
          />
        )}
        <button type="button" aria-expanded={open} data-testid="ps-toggle" onClick={() => setOpen(!open)}>
          {open ? t("hide") : t("more")}
        </button>
      </div>
      <ConnectionNote state={connection} t={t} />
      <ResumeNote pending={resume.pending} t={t} />
      {!open && notice && (
        <div className="ps-note ps-bar-note" data-testid="ps-notice">
          {notice}
        </div>
      )}
      {!open && error && <div className="ps-error ps-bar-note">{error}</div>}
      {open && (
        <div className="ps-body">
          {!signedIn ? (
            <div className="ps-note">{t("signInFromPopup")}</div>
          ) : (
            <>
              {missing.length > 0 && <div className="ps-note">{t("manualMode")}</div>}
              <DealSelect
                t={t}
                lang={lang}
                value={dealChoice}
                automatic={confident}
                deals={deals}
                stageLabel={stageLabel}
                onChange={setDealChoice}
              />
              {askDeal && (
                <WhichDeal
                  t={t}
                  lang={lang}
                  deals={matches.filter((d) => d.status === "open")}
                  stageLabel={stageLabel}
                  onPick={setDealChoice}
                />
              )}
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
              {hits === null && blank ? (
                <div className="ps-note" data-testid="ps-blank">
                  {t("writeForSuggestions")}
                </div>
              ) : hits === null && !result ? (
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
                      onCopyText={(versionId) => void copyTalkTrack(versionId)}
                      {...(hits
                        ? {}
                        : {
                            mark: {
                              helped: marks[item.asset.id] ?? null,
                              onMark: (pressed: boolean) =>
                                void api(
                                  "feedback.markSuggestion",
                                  markRequest(item.asset.id, marks[item.asset.id] ?? null, pressed, {
                                    surface,
                                    dealId,
                                    requestId: result?.requestId,
                                  }),
                                ).then(
                                  (res) => setMarks((m) => ({ ...m, [item.asset.id]: res.helped })),
                                  (err: unknown) => setError(errorText(err)),
                                ),
                            },
                          })}
                    />
                  ))}
                </ul>
              )}
              {notice && (
                <div className="ps-note" data-testid="ps-notice">
                  {notice}
                </div>
              )}
              {error && <div className="ps-error">{error}</div>}
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
  /** Said instead of the top suggestion when there is none to trust yet. */
  hint: string | null;
  busy: boolean;
  canInsert: boolean;
  onInsert(item: PanelItem): void;
}

/** The collapsed compose panel: one line with the deal, its stage and the top sendable suggestion. */
function CompactBar({ t, deal, stage, top, hint, busy, canInsert, onInsert }: CompactBarProps) {
  return (
    <span className="ps-bar" data-testid="ps-bar">
      <span className="ps-bar-context">{[deal ?? t("noDeal"), stage].filter(Boolean).join(" · ")}</span>
      {hint && <span className="ps-bar-top">{hint}</span>}
      {!hint && top && (
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
