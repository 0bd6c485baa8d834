import { useCallback } from "react";
import { useTranslation } from "react-i18next";

/** An asset type's label from the library's catalog (one list of type names in the portal). */
export function useTypeLabel() {
  const { t } = useTranslation("library");
  return useCallback(
    (type: string | null) =>
      type === null ? "" : t(`types.${type}` as "types.other", { defaultValue: type }),
    [t],
  );
}
