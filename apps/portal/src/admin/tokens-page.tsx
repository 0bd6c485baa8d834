import { useTranslation } from "react-i18next";
import { TokenList } from "../tokens/token-list";
import { PageHeader } from "../ui/page-header";

export function TokensPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("admin.tokens.title")} description={t("admin.tokens.intro")} />
      <TokenList all />
    </>
  );
}
