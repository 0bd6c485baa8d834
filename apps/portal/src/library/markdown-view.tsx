import { Typography } from "@mantine/core";
import { useTranslation } from "react-i18next";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** An image on another host would tell it who read the card and when: only the portal's own are shown. */
function externalHost(src: string | undefined): string | null {
  if (!src) return null;
  try {
    const url = new URL(src, window.location.href);
    return url.origin === window.location.origin || url.protocol === "data:" ? null : url.host;
  } catch {
    return "?";
  }
}

/**
 * Markdown as React elements: raw HTML in the source is dropped and react-markdown's default URL
 * filter removes javascript: and other unsafe links, so an authored card cannot run script; images
 * from other hosts become links (the portal's Content-Security-Policy would block them anyway).
 */
export function MarkdownView({ source }: { source: string }) {
  const { t } = useTranslation("library");
  return (
    <Typography>
      <Markdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={{
          a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
          img: ({ node: _node, src, alt }) => {
            const host = externalHost(typeof src === "string" ? src : undefined);
            if (host === null) return <img src={src} alt={alt ?? ""} />;
            return (
              <a href={src as string} target="_blank" rel="noopener noreferrer nofollow" data-external-image>
                {t("markdown.externalImage", { host })}
              </a>
            );
          },
        }}
      >
        {source}
      </Markdown>
    </Typography>
  );
}
