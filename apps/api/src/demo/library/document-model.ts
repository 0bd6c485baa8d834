import type { Language } from "@pitchside/shared";

/** What a demo document says, independent of the file format it is written in. */
export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "quote"; text: string; by: string }
  /** Headline figures: "31%" / "less unplanned downtime". */
  | { kind: "stats"; items: { value: string; label: string }[] };

export interface DemoDocument {
  title: string;
  /** One line under the title: the kind of document and who it is for. */
  subtitle: string;
  language: Language;
  blocks: Block[];
}

export interface DemoSlide {
  title: string;
  bullets: string[];
  /** What the rep says: speaker notes, searchable once extracted. */
  notes: string;
}

export interface DemoDeck {
  title: string;
  subtitle: string;
  language: Language;
  slides: DemoSlide[];
}

export const VENDOR = "Northwind Analytics";

/** A fixed date keeps the bytes, and so the SHA-256 the importer compares, the same on every run. */
export const DEMO_FILE_DATE = new Date("2025-04-01T09:00:00Z");
