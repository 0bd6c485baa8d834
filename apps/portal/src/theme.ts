import { Badge, createTheme } from "@mantine/core";

// System UI first, then the common Japanese faces on macOS, Linux/Android and Windows.
const fontFamily =
  'system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Yu Gothic", YuGothic, Meiryo, sans-serif';

export const theme = createTheme({
  fontFamily,
  headings: { fontFamily },
  primaryColor: "indigo",
  defaultRadius: "md",
  focusRing: "auto",
  components: {
    // a badge clips its text; in an auto-width table cell it was squeezed down to "A…"
    Badge: Badge.extend({ styles: { root: { minWidth: "max-content" } } }),
  },
});
