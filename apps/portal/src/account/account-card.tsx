import { Paper, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** One bordered section of the account page: a heading, an optional line of help, its content. */
export function AccountCard(props: { id: string; title: string; help?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={props.id}>
      <Title order={2} size="h4" id={props.id} mb={props.help ? "xs" : "sm"}>
        {props.title}
      </Title>
      {props.help && (
        <Text size="sm" c="dimmed" mb="sm">
          {props.help}
        </Text>
      )}
      {props.children}
    </Paper>
  );
}
