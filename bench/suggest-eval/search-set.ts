import type { Language } from "@pitchside/shared";

/**
 * The search judged set: what a rep types in the portal's search box → the assets that should be in the
 * top three, best first (the query's language before the other language's version of the same content).
 * Judged as a rep would, before tuning. `language` is the query's language.
 */
export interface SearchJudgement {
  q: string;
  language: Language;
  expect: string[];
}

export const searchJudgements: SearchJudgement[] = [
  // competitor names as buyers and reps spell them
  { q: "Acme", language: "en", expect: ["bc-acme", "bc-acme-ja"] },
  { q: "アクメ", language: "ja", expect: ["bc-acme-ja", "bc-acme"] },
  { q: "ｱｸﾒ", language: "ja", expect: ["bc-acme-ja", "bc-acme"] },
  { q: "あくめ", language: "ja", expect: ["bc-acme-ja", "bc-acme"] },
  { q: "ぐろーべっくす", language: "ja", expect: ["bc-globex-ja", "bc-globex"] },
  { q: "ｸﾞﾛｰﾍﾞｯｸｽ", language: "ja", expect: ["bc-globex-ja", "bc-globex"] },
  { q: "ｲﾆﾃｯｸ", language: "ja", expect: ["bc-initech-ja", "bc-initech"] },
  { q: "いにてっく", language: "ja", expect: ["bc-initech-ja", "bc-initech"] },
  { q: "DataForge", language: "en", expect: ["bc-dataforge", "bc-dataforge-ja"] },
  { q: "データフォージ", language: "ja", expect: ["bc-dataforge-ja", "bc-dataforge"] },
  { q: "データーフォージ", language: "ja", expect: ["bc-dataforge-ja", "bc-dataforge"] },
  // objections, in the words people use
  { q: "too expensive", language: "en", expect: ["og-price", "op-roi"] },
  { q: "価格が高い", language: "ja", expect: ["og-price-ja", "op-roi-ja"] },
  { q: "値引き", language: "ja", expect: ["og-price-ja", "proposal-template-ja"] },
  { q: "SOC 2", language: "en", expect: ["og-security", "og-security-ja"] },
  { q: "SOC2", language: "en", expect: ["og-security", "og-security-ja"] },
  { q: "セキュリティ", language: "ja", expect: ["og-security-ja", "og-security"] },
  { q: "migration", language: "en", expect: ["og-switching", "og-switching-ja"] },
  { q: "乗り換え", language: "ja", expect: ["og-switching-ja", "og-switching"] },
  { q: "Salesforce integration", language: "en", expect: ["og-integration", "og-integration-ja"] },
  { q: "来期", language: "ja", expect: ["og-timing-ja", "og-timing"] },
  // topics and content types
  { q: "ROI", language: "en", expect: ["op-roi", "og-price", "op-roi-ja"] },
  { q: "投資回収", language: "ja", expect: ["op-roi-ja", "op-roi"] },
  { q: "manufacturing case study", language: "en", expect: ["cs-manufacturing", "cs-manufacturing-ja"] },
  { q: "製造業 事例", language: "ja", expect: ["cs-manufacturing-ja", "cs-manufacturing"] },
  { q: "month-end close", language: "en", expect: ["cs-finserv", "cs-finserv-ja"] },
  { q: "月次決算", language: "ja", expect: ["cs-finserv-ja", "cs-finserv"] },
  { q: "attribution", language: "en", expect: ["op-attribution", "deck-marketing"] },
  { q: "アトリビューション", language: "ja", expect: ["op-attribution-ja", "deck-marketing-ja"] },
  { q: "architecture diagram", language: "en", expect: ["op-architecture", "op-architecture-ja"] },
  { q: "product tour video", language: "en", expect: ["video-tour", "video-tour-ja"] },
  { q: "製品紹介 動画", language: "ja", expect: ["video-tour-ja", "video-tour"] },
  { q: "procurement contract", language: "en", expect: ["procurement-faq", "procurement-faq-ja"] },
  { q: "取引先登録", language: "ja", expect: ["procurement-faq-ja"] },
];
