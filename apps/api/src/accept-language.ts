/** The two languages the API's own pages and refusals speak. */
export type ViewerLang = "en" | "ja";

/** The viewer speaks the reader's language when it is Japanese or English (by q-value), else English. */
export function pickLanguage(acceptLanguage: string | undefined): ViewerLang {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.split("-")[0] ?? "", q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => (l.primary === "ja" || l.primary === "en") && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.primary === "ja" ? "ja" : "en";
}
