import { Typography } from "@mantine/core";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Markdown as React elements: raw HTML in the source is dropped and react-markdown's default URL
 * filter removes javascript: and other unsafe links, so an authored card cannot run script.
 */
export function MarkdownView({ source }: { source: string }) {
  return (
    <Typography>
      <Markdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={{
          a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
        }}
      >
        {source}
      </Markdown>
    </Typography>
  );
}
