import en from "./en.json";
import ja from "./ja.json";

export type Catalog = { [key: string]: string | Catalog };
export type Catalogs = Record<string, Catalog>;

type CatalogModule = { default: Catalog };

// Every feature folder's own catalogs (`src/<feature>/i18n/{en,ja}.json`), each a namespace named
// after its folder; the shell's own strings are the default namespace.
const english = import.meta.glob<CatalogModule>("../*/i18n/en.json", { eager: true });
const japanese = import.meta.glob<CatalogModule>("../*/i18n/ja.json", { eager: true });

const featureOf = (file: string) => /^\.\.\/([^/]+)\/i18n\//.exec(file)?.[1] ?? file;

function byNamespace(own: Catalog, modules: Record<string, CatalogModule>): Catalogs {
  const out: Catalogs = { translation: own };
  for (const [file, module] of Object.entries(modules)) out[featureOf(file)] = module.default;
  return out;
}

/** All UI strings: language → namespace → catalog. */
export const catalogs = { en: byNamespace(en, english), ja: byNamespace(ja, japanese) };
