import type { AssetType, Language } from "@pitchside/shared";
import type { Block, DemoSlide } from "./document-model";

/** How an asset's content is delivered: a generated file, or a link (videos). */
export type DemoContent =
  | { format: "pdf" | "docx" | "md"; subtitle: string; blocks: Block[] }
  | { format: "pptx"; subtitle: string; slides: DemoSlide[] }
  | { format: "link"; url: string };

/** One entry of the demo library: its library.json metadata and what its file says. */
export interface DemoAsset {
  externalId: string;
  title: string;
  summary: string;
  type: AssetType;
  language: Language;
  stages: string[];
  personas: string[];
  industries: string[];
  competitors: string[];
  objections: string[];
  tags: string[];
  /** Published unless said otherwise. */
  status?: "draft" | "published";
  /** Days from the generation date until the asset expires (a time-limited offer). */
  expiresInDays?: number;
  content: DemoContent;
}

export const h = (text: string): Block => ({ kind: "heading", text });
export const p = (text: string): Block => ({ kind: "paragraph", text });
export const ul = (...items: string[]): Block => ({ kind: "bullets", items });
export const quote = (text: string, by: string): Block => ({ kind: "quote", text, by });
export const stats = (...items: [value: string, label: string][]): Block => ({
  kind: "stats",
  items: items.map(([value, label]) => ({ value, label })),
});
