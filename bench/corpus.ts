/** Deterministic, realistic-looking sales content for benchmarks: English and Japanese. */
import { assetTypes } from "@pitchside/shared";

const en = [
  "Northwind cut month-end close from nine days to four after consolidating twelve spreadsheets into one model.",
  "Procurement asked for a three-year price lock and a termination for convenience clause.",
  "The security review covered SOC 2 Type II, data residency in Tokyo and single sign-on with SAML.",
  "Unlike Acme, our connectors sync incrementally, so dashboards refresh every five minutes instead of nightly.",
  "The CFO wanted a payback period under twelve months; the model showed seven.",
  "Rollout took six weeks across three regions with no downtime for the sales team.",
  "Globex bundles analytics with its CRM, but customers report rigid data models and slow support.",
  "Finance teams use the forecast workspace to compare pipeline coverage against quota by segment.",
  "Our implementation partner trained forty analysts and handed over a governance playbook.",
  "Integration with Salesforce and HubSpot is bidirectional and respects field-level security.",
  "When buyers say the price is too high, anchor on the cost of delayed decisions and manual reporting.",
  "Initech's on-premise appliance requires a hardware refresh every three years.",
  "The retail chain reduced stockouts by eighteen percent using daily demand signals.",
  "Hospitals rely on audit trails and role-based access to keep patient data safe.",
  "Manufacturers connect sensor data to quality dashboards and catch defects a shift earlier.",
];
const ja = [
  "導入後、月次決算の作業日数が九日から四日に短縮されました。",
  "購買部門からは三年間の価格固定と中途解約条項の追加を求められました。",
  "セキュリティ審査では SOC 2 Type II、東京リージョンでのデータ保管、SAML によるシングルサインオンを確認しました。",
  "アクメ社と異なり、当社のコネクタは差分同期のため、ダッシュボードは五分ごとに更新されます。",
  "財務責任者は投資回収期間を十二か月以内にしたいと考えており、試算では七か月でした。",
  "価格が高すぎるという懸念には、意思決定の遅れと手作業の集計にかかるコストを示します。",
  "三つの地域で六週間かけて展開し、営業チームの業務は一度も止まりませんでした。",
  "グローベックス社は CRM に分析機能を同梱していますが、データモデルが硬直的との声があります。",
  "情報システム部門はアクセス権限の管理と監査ログを重視しています。",
  "製造業のお客様はセンサーデータを品質ダッシュボードにつなぎ、不良を早期に発見しています。",
  "小売チェーンでは日次の需要シグナルを活用し、欠品を十八パーセント削減しました。",
  "導入支援パートナーが四十名のアナリストを育成し、運用ガイドを引き渡しました。",
];

export const stages = ["prospecting", "discovery", "demo", "proposal", "negotiation", "closing"];
export const personas = ["finance", "it", "sales_leader", "marketing", "executive", "procurement"];
export const industries = ["manufacturing", "financial_services", "healthcare", "retail", "software"];
export const competitors = ["acme", "globex", "initech"];
export const objections = ["price", "security", "integration", "timing", "switching_cost"];

/** A small, fast, seeded PRNG so every run indexes the same corpus. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function some<T>(r: () => number, list: readonly T[], max: number): T[] {
  const n = Math.floor(r() * (max + 1));
  return [...new Set(Array.from({ length: n }, () => pick(r, list)))];
}

export interface GeneratedAsset {
  title: string;
  summary: string;
  body: string;
  type: string;
  language: "en" | "ja";
  stages: string[];
  personas: string[];
  industries: string[];
  competitors: string[];
  objections: string[];
  tags: string[];
}

/** About 250 words (or 600 characters of Japanese) of body text per asset. */
export function generateAsset(i: number): GeneratedAsset {
  const r = rng(i + 1);
  const japanese = r() < 0.35;
  const pool = japanese ? ja : en;
  const body = Array.from({ length: 14 }, () => pick(r, pool)).join(japanese ? "" : " ");
  const type = pick(r, assetTypes);
  return {
    title: `${japanese ? pick(r, ["導入事例", "競合比較", "反論対応", "提案資料"]) : pick(r, ["Case study", "Battle card", "Objection guide", "Proposal"])} ${i}`,
    summary: pick(r, pool),
    body,
    type,
    language: japanese ? "ja" : "en",
    stages: some(r, stages, 2),
    personas: some(r, personas, 2),
    industries: some(r, industries, 1),
    competitors: type === "battle_card" ? [pick(r, competitors)] : some(r, competitors, 1),
    objections: type === "objection_guide" ? [pick(r, objections)] : some(r, objections, 1),
    tags: some(r, ["pricing", "roi", "security", "onboarding", "analytics", "セキュリティ", "導入"], 2),
  };
}

export const queries = [
  "month-end close",
  "price lock",
  "SOC 2",
  "Salesforce integration",
  "payback period",
  "dashboards refresh",
  "stockouts",
  "audit trails",
  "governance playbook",
  "sensor data quality",
  "価格",
  "月次決算",
  "セキュリティ審査",
  "差分同期",
  "投資回収",
  "欠品",
  "監査ログ",
  "acme",
  "アクメ",
  "globex data model",
];
