import { Group, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useEffect } from "react";

/** The page's one h1; also names the browser tab. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Pitchside`;
  }, [title]);
  return (
    // the title keeps at least 20rem: on a phone the actions go below it rather than squeeze it
    <Group justify="space-between" align="flex-end" mb="lg">
      <Stack gap={4} style={{ flex: "1 1 20rem", minWidth: 0 }}>
        <Title order={1} size="h2" style={{ overflowWrap: "anywhere" }}>
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions}
    </Group>
  );
}
