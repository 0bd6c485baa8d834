import { byNamespace } from "./catalog-shape";
import ja from "./ja.json";

/** Every Japanese string, one chunk: the portal loads only the language it shows. */
export default byNamespace(ja, import.meta.glob("../*/i18n/ja.json", { eager: true }));
