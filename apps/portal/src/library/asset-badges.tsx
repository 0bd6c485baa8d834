import { Badge, Group } from "@mantine/core";
import { useFacetLabel } from "./facet-labels";

interface AssetBadgesProps {
  type: string;
  language: string | null;
  stages: string[];
  personas: string[];
}

/** Type, language, stages and personas as badges, labelled in the user's language. */
export function AssetBadges({ type, language, stages, personas }: AssetBadgesProps) {
  const label = useFacetLabel();
  return (
    <Group gap={6}>
      <Badge variant="filled" color="indigo">
        {label("type", type)}
      </Badge>
      {language && (
        <Badge variant="outline" color="gray">
          {label("language", language)}
        </Badge>
      )}
      {stages.map((s) => (
        <Badge key={`s-${s}`} variant="light" color="teal">
          {label("stages", s)}
        </Badge>
      ))}
      {personas.map((p) => (
        <Badge key={`p-${p}`} variant="light" color="grape">
          {label("personas", p)}
        </Badge>
      ))}
    </Group>
  );
}
