import { Box, Container, Group, Paper, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { LanguageSwitch } from "../session/language-switch";

/** The frame of the pages open to everyone (sign-in, invitation, password reset): brand, language, a card. */
export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="gray.0" py={64}>
      <Container size={420}>
        <Group justify="space-between" mb="lg">
          <Title order={2} component="p" c="indigo.7">
            Pitchside
          </Title>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" component="main">
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
