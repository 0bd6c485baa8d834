import { Accordion, List, Text } from "@mantine/core";
import { minClosedDealsForLift, rankingWeights } from "@pitchside/shared";
import { useTranslation } from "react-i18next";

/** The report's definitions as the issue states them, and the currency note. */
export function DefinitionsHelp({ currency }: { currency: string }) {
  const { t } = useTranslation("analytics");
  return (
    <Accordion variant="contained" defaultValue="help">
      <Accordion.Item value="help">
        <Accordion.Control>{t("help.title")}</Accordion.Control>
        <Accordion.Panel>
          <List spacing="xs" size="sm">
            <List.Item>{t("help.touched")}</List.Item>
            <List.Item>{t("help.counts")}</List.Item>
            <List.Item>{t("help.baseline")}</List.Item>
            <List.Item>{t("help.owners")}</List.Item>
            <List.Item>{t("help.overall")}</List.Item>
            <List.Item>{t("help.interval", { min: minClosedDealsForLift })}</List.Item>
            <List.Item>{t("help.shrunk", { prior: rankingWeights.priorDeals })}</List.Item>
            <List.Item>{t("help.models")}</List.Item>
            <List.Item>{t("help.period")}</List.Item>
          </List>
          <Text size="sm" mt="sm" fw={500}>
            {t("help.currency", { currency })}
          </Text>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
