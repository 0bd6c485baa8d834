import type { DealMatch } from "../api/calls";
import type { Translate } from "../i18n/translate";

/** A deal the panel can attribute a link to: one the recipients matched, or one of the rep's open deals. */
export type DealChoice = Pick<DealMatch, "id" | "name" | "stage" | "status" | "amount" | "currency">;

interface Props {
  t: Translate;
  lang: "en" | "ja";
  /** "auto", "none" or a deal id. */
  value: string;
  /** What "Automatic" resolved to; null when nothing matched or the match was a tie. */
  automatic: DealChoice | null;
  /** Open deals first (the recipients' matches, then the rep's own), closed matches after. */
  deals: DealChoice[];
  stageLabel(key: string): string;
  onChange(value: string): void;
}

/** "Globex rollout · Proposal · $120,000": what tells two deals of one account apart. */
export function dealLabel(deal: DealChoice, lang: "en" | "ja", stageLabel: (key: string) => string): string {
  const amount =
    deal.amount === null
      ? null
      : new Intl.NumberFormat(lang, {
          style: "currency",
          currency: deal.currency || "USD",
          maximumFractionDigits: 0,
        }).format(deal.amount);
  return [deal.name, stageLabel(deal.stage), amount].filter(Boolean).join(" · ");
}

/** The deal a link is attributed to: open deals with stage and amount, closed ones under their own heading. */
export function DealSelect({ t, lang, value, automatic, deals, stageLabel, onChange }: Props) {
  const open = deals.filter((d) => d.status === "open");
  const closed = deals.filter((d) => d.status !== "open");
  const option = (d: DealChoice) => (
    <option key={d.id} value={d.id}>
      {dealLabel(d, lang, stageLabel)}
    </option>
  );
  return (
    <div className="ps-row">
      <label htmlFor="ps-deal">{t("deal")}</label>
      <select id="ps-deal" data-testid="ps-deal" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="auto">{automatic ? `${t("automatic")}: ${automatic.name}` : t("automatic")}</option>
        <option value="none">{t("noDeal")}</option>
        {open.length > 0 && <optgroup label={t("openDeals")}>{open.map(option)}</optgroup>}
        {closed.length > 0 && <optgroup label={t("closedDeals")}>{closed.map(option)}</optgroup>}
      </select>
    </div>
  );
}

interface QuestionProps {
  t: Translate;
  lang: "en" | "ja";
  deals: DealChoice[];
  stageLabel(key: string): string;
  onPick(value: string): void;
}

/** Several open deals of the account match equally well: the rep says which, the panel does not guess. */
export function WhichDeal({ t, lang, deals, stageLabel, onPick }: QuestionProps) {
  return (
    <fieldset className="ps-question" data-testid="ps-which-deal">
      <legend className="ps-note">{t("whichDeal")}</legend>
      {deals.map((d) => (
        <button key={d.id} type="button" onClick={() => onPick(d.id)}>
          {dealLabel(d, lang, stageLabel)}
        </button>
      ))}
      <button type="button" onClick={() => onPick("none")}>
        {t("noneOfThese")}
      </button>
    </fieldset>
  );
}
