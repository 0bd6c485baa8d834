import { Card, Title, type TitleProps } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled, bordered part of a page, announced as a region by its title. */
export function SectionCard({
  title,
  size = "h5",
  children,
}: {
  title: string;
  size?: TitleProps["size"];
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Title order={2} size={size} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}
