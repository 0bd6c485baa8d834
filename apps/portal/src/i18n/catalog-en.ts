import { byNamespace } from "./catalog-shape";
import en from "./en.json";

/** Every English string, one chunk: the portal loads only the language it shows. */
export default byNamespace(en, import.meta.glob("../*/i18n/en.json", { eager: true }));
