import { Paper, ScrollArea, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { PageLoader } from "../ui/page-loader";

// the Markdown renderer is its own chunk, fetched when a preview first shows
const MarkdownView = lazy(async () => ({ default: (await import("./markdown-view")).MarkdownView }));

/** Markdown source beside its rendered preview, which follows typing after a short pause. */
export function MarkdownEditor({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation("library");
  const [preview] = useDebouncedValue(value, 200);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Textarea
        label={t("markdown.source")}
        description={t("markdown.sourceHelp")}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={16}
        maxRows={32}
        error={error}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t("markdown.preview")}
        </Text>
        <Paper withBorder p="md" data-testid="markdown-preview">
          <ScrollArea.Autosize mah={640}>
            {preview.trim() ? (
              <Suspense fallback={<PageLoader />}>
                <MarkdownView source={preview} />
              </Suspense>
            ) : (
              <Text c="dimmed" size="sm">
                {t("markdown.empty")}
              </Text>
            )}
          </ScrollArea.Autosize>
        </Paper>
      </Stack>
    </SimpleGrid>
  );
}
