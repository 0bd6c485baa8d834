import { useEffect, useState } from "react";
import { thumbnail } from "../api/client";
import type { Translate } from "../i18n/translate";

/** A suggestion, or a search hit (which has no reasons). */
export interface PanelItem {
  /** `internal`: a battle card or talk track, for the rep's eyes only, never sent to a buyer. */
  asset: {
    id: string;
    title: string;
    thumbnailUrl: string | null;
    audience?: "internal" | "external";
    /** `markdown`: a talk track the rep can copy as text. */
    source?: string;
    currentVersionId?: string | null;
  };
  reasons: { kind: string; label: string }[];
}

interface Props {
  item: PanelItem;
  t: Translate;
  canInsert: boolean;
  busy: boolean;
  onInsert(): void;
  onCopy(): void;
  onPreview(): void;
  /** Copies a Markdown asset's text (internal talk tracks). */
  onCopyText(versionId: string): void;
  /** Suggestions (not search hits): the rep's "helped" / "not helpful" and how to change it. */
  mark?: { helped: boolean | null; onMark(helped: boolean): void };
}

export function SuggestionItem({
  item,
  t,
  canInsert,
  busy,
  onInsert,
  onCopy,
  onPreview,
  onCopyText,
  mark,
}: Props) {
  const [src, setSrc] = useState<string | null>(null);
  const internal = item.asset.audience === "internal";
  const talkTrack =
    internal && item.asset.source === "markdown" ? (item.asset.currentVersionId ?? null) : null;
  const path = item.asset.thumbnailUrl;
  useEffect(() => {
    let live = true;
    if (path)
      thumbnail(path)
        .then((url) => live && setSrc(url))
        .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [path]);

  return (
    <li className="ps-item" data-testid="ps-suggestion" data-asset-id={item.asset.id}>
      {src ? <img className="ps-thumb" src={src} alt="" /> : <div className="ps-thumb" />}
      <div>
        <div className="ps-title">{item.asset.title}</div>
        <div className="ps-reasons">
          {item.reasons.map((reason) => (
            <span className="ps-reason" key={`${reason.kind}:${reason.label}`}>
              {reason.label}
            </span>
          ))}
        </div>
        <div className="ps-actions">
          {internal && (
            <span className="ps-internal" data-testid="ps-internal">
              {t("internalOnly")}
            </span>
          )}
          {canInsert && !internal && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={onInsert}
              data-testid="ps-insert"
            >
              {t("insertLink")}
            </button>
          )}
          {!internal && (
            <button type="button" disabled={busy} onClick={onCopy} data-testid="ps-copy">
              {t("copyLink")}
            </button>
          )}
          {talkTrack && (
            <button
              type="button"
              disabled={busy}
              onClick={() => onCopyText(talkTrack)}
              data-testid="ps-copy-talk-track"
            >
              {t("copyTalkTrack")}
            </button>
          )}
          <button type="button" onClick={onPreview}>
            {internal ? t("open") : t("preview")}
          </button>
        </div>
        {mark && (
          <fieldset
            className="ps-actions"
            aria-label={t("markLabel")}
            data-testid="ps-marks"
            style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
          >
            {([true, false] as const).map((value) => (
              <button
                key={String(value)}
                type="button"
                aria-pressed={mark.helped === value}
                className={mark.helped === value ? "primary" : undefined}
                onClick={() => mark.onMark(value)}
              >
                {t(value ? "markHelped" : "markNotHelpful")}
              </button>
            ))}
          </fieldset>
        )}
      </div>
    </li>
  );
}
