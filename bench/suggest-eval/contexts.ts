/**
 * Labelled contexts, written as a rep receives them, before any weight was
 * tuned. `deal` makes a deal with that contact so stage, persona and industry
 * come from the CRM as they would in Gmail.
 */
export interface EvalContext {
  id: string;
  text?: string;
  stage?: string;
  title?: string;
  deal?: { stage: string; industry?: string; contactTitle: string };
  expect: string;
}

export const evalContexts: EvalContext[] = [
  {
    id: "en-acme-eval",
    text: "Hi Sam,\n\nThanks for the demo yesterday. To be transparent, we're also looking at Acme — their team showed us a pretty slick connector catalogue. What would you say is the real difference?\n\nBest,\nJordan",
    stage: "demo",
    expect: "bc-acme",
  },
  {
    id: "ja-acme-eval",
    text: "佐藤様\n\nいつもお世話になっております。先日のデモありがとうございました。\n実は現在アクメ社の製品とも比較検討しておりまして、違いを整理した資料があれば頂けますでしょうか。\n\nよろしくお願いいたします。\n山田",
    stage: "demo",
    expect: "bc-acme-ja",
  },
  {
    id: "en-globex-bundle",
    text: "Our CRM vendor Globex says their analytics module comes free with our renewal. Why would we pay separately for Northwind?",
    stage: "proposal",
    expect: "bc-globex",
  },
  {
    id: "ja-globex",
    text: "グローベックスの CRM に分析機能が付いているので、そちらで十分ではないかという意見が社内で出ています。",
    stage: "proposal",
    expect: "bc-globex-ja",
  },
  {
    id: "en-initech-onprem",
    text: "We currently run Initech on-prem. IT is worried about moving off the appliance mid-year. Can you share how you compare?",
    stage: "negotiation",
    expect: "bc-initech",
  },
  {
    id: "en-price-pushback",
    text: "Sam — I took the quote to our leadership and honestly the feedback was that it's too expensive for what we'd use in year one. Is there any flexibility?\n\n> On Tue, Sam wrote:\n> Please find the proposal attached.",
    stage: "negotiation",
    expect: "og-price",
  },
  {
    id: "ja-price-pushback",
    text: "お見積りを拝見しましたが、正直なところ価格が高いという意見が多く、今期の予算では難しいかもしれません。",
    stage: "proposal",
    expect: "og-price-ja",
  },
  {
    id: "en-security-review",
    text: "Before we go further our InfoSec team needs your SOC 2 report and details on where data is stored. Do you support SAML SSO?",
    stage: "demo",
    title: "IT Security Manager",
    expect: "og-security",
  },
  {
    id: "ja-security",
    text: "情報システム部より、データの保管場所と情報漏洩対策について確認したいとの要望がありました。資料をご共有いただけますか。",
    title: "情報システム部 課長",
    stage: "demo",
    expect: "og-security-ja",
  },
  {
    id: "en-integration",
    text: "How does this integrate with Salesforce and our Snowflake warehouse? We can't have another data silo.",
    title: "Director of IT",
    stage: "demo",
    expect: "og-integration",
  },
  {
    id: "en-timing",
    text: "This looks great but realistically it's not a priority until next year. Let's reconnect in Q3?",
    stage: "discovery",
    expect: "og-timing",
  },
  {
    id: "en-migration",
    text: "The biggest concern for us is migration — we have five years of reports in the old tool and switching feels risky.",
    stage: "proposal",
    expect: "og-switching",
  },
  {
    id: "ja-migration",
    text: "既存システムからの移行にどれくらいの工数がかかるのか、乗り換えのリスクを懸念しています。",
    stage: "proposal",
    expect: "og-switching-ja",
  },
  {
    id: "deal-mfg-discovery",
    text: "Great speaking today. Could you send over an example of a manufacturer that has done something similar with quality data?",
    deal: { stage: "discovery", industry: "manufacturing", contactTitle: "VP Operations" },
    expect: "cs-manufacturing",
  },
  {
    id: "deal-mfg-ja",
    text: "本日はありがとうございました。製造業での活用事例があればぜひ拝見したいです。",
    deal: { stage: "discovery", industry: "manufacturing", contactTitle: "製造部 部長" },
    expect: "cs-manufacturing-ja",
  },
  {
    id: "deal-bank-close",
    text: "Our month-end close is still a spreadsheet marathon. Do you have an example from another bank?",
    deal: { stage: "discovery", industry: "financial_services", contactTitle: "Controller" },
    expect: "cs-finserv",
  },
  {
    id: "ja-bank-close",
    text: "月次決算の早期化が課題です。金融機関での導入実績はありますか。",
    deal: { stage: "discovery", industry: "financial_services", contactTitle: "経理部長" },
    expect: "cs-finserv-ja",
  },
  {
    id: "deal-hospital",
    text: "We'd need to understand how other hospitals handle audit trails and access control with your platform.",
    deal: { stage: "discovery", industry: "healthcare", contactTitle: "CIO" },
    expect: "cs-healthcare",
  },
  {
    id: "deal-retail",
    text: "Stockouts during promotions are killing us. Anything you can share from other retailers?",
    deal: { stage: "discovery", industry: "retail", contactTitle: "VP Merchandising" },
    expect: "cs-retail",
  },
  {
    id: "ja-retail",
    text: "小売業での欠品削減の事例があれば教えてください。",
    deal: { stage: "demo", industry: "retail", contactTitle: "代表取締役社長" },
    expect: "cs-retail-ja",
  },
  {
    id: "en-forecast-reps",
    text: "With 300+ reps our forecast calls are a mess. How have other software companies handled pipeline reporting at scale?",
    title: "VP Sales",
    stage: "discovery",
    expect: "cs-software",
  },
  {
    id: "cfo-proposal",
    text: "Before I sign off I need to see the payback period and the assumptions behind the ROI.",
    title: "Chief Financial Officer",
    stage: "proposal",
    expect: "op-roi",
  },
  {
    id: "ja-cfo-proposal",
    text: "投資回収期間と ROI の前提を確認させてください。",
    title: "最高財務責任者",
    stage: "proposal",
    expect: "op-roi-ja",
  },
  {
    id: "it-architecture",
    text: "Can you send a high-level architecture diagram so our team can review tenancy and data flows?",
    title: "Enterprise Architect, IT",
    stage: "demo",
    expect: "op-architecture",
  },
  {
    id: "ja-it-architecture",
    text: "システム構成とテナント分離の仕組みがわかる資料をいただけますか。",
    title: "情報システム部 部長",
    stage: "demo",
    expect: "op-architecture-ja",
  },
  {
    id: "ceo-intro",
    text: "Our CEO will join the next call and wants the 10-minute version: what's the business case?",
    title: "Chief Executive Officer",
    stage: "discovery",
    expect: "deck-exec",
  },
  {
    id: "ja-ceo",
    text: "次回は社長が同席します。経営層向けに要点をまとめた資料があればお願いします。",
    title: "代表取締役",
    stage: "discovery",
    expect: "deck-exec-ja",
  },
  {
    id: "cmo-attribution",
    text: "We can't tell which campaigns actually drive pipeline. Does Northwind help with attribution?",
    title: "CMO",
    stage: "discovery",
    expect: "deck-marketing",
  },
  {
    id: "procurement-terms",
    text: "Please send your standard MSA and vendor onboarding forms; we also need your insurance certificate.",
    title: "Procurement Manager",
    stage: "negotiation",
    expect: "procurement-faq",
  },
  {
    id: "ja-procurement",
    text: "購買部です。正式な見積書と提案書、価格表をお送りいただけますでしょうか。",
    title: "購買部 課長",
    stage: "proposal",
    expect: "proposal-template-ja",
  },
  {
    id: "close-plan",
    text: "We're aiming to get signatures before the 30th. What steps are left on your side and ours?",
    title: "COO",
    stage: "closing",
    expect: "close-plan",
  },
  {
    id: "governance",
    text: "Self-service sounds nice but our data team worries about ungoverned dashboards and lineage.",
    title: "Head of Data, IT",
    stage: "discovery",
    expect: "wp-governance",
  },
  {
    id: "ja-forecast-ai",
    text: "AI を使った需要予測に関心があります。参考になる資料はありますか。",
    stage: "discovery",
    expect: "wp-forecast-ja",
  },
];
