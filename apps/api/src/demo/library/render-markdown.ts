import { type Block, type DemoDocument, VENDOR } from "./document-model";

function blockMarkdown(block: Block, language: DemoDocument["language"]): string {
  switch (block.kind) {
    case "heading":
      return `## ${block.text}`;
    case "paragraph":
      return block.text;
    case "bullets":
      return block.items.map((item) => `- ${item}`).join("\n");
    case "quote":
      return `> ${block.text}\n>\n> ${language === "ja" ? "――" : "—"} ${block.by}`;
    case "stats":
      return [
        `| ${block.items.map((s) => s.value).join(" | ")} |`,
        `|${block.items.map(() => " --- ").join("|")}|`,
        `| ${block.items.map((s) => s.label).join(" | ")} |`,
      ].join("\n");
  }
}

/** Battle cards and short guides are written in Markdown, as marketers often keep them. */
export function renderMarkdown(doc: DemoDocument): string {
  return [
    `# ${doc.title}`,
    `*${doc.subtitle}*`,
    ...doc.blocks.map((block) => blockMarkdown(block, doc.language)),
    `---\n${VENDOR}`,
  ]
    .join("\n\n")
    .concat("\n");
}
