export type Catalog = { [key: string]: string | Catalog };
/** One language's strings: namespace → catalog. */
export type Catalogs = Record<string, Catalog>;

type CatalogModule = { default: Catalog };

const featureOf = (file: string) => /^\.\.\/([^/]+)\/i18n\//.exec(file)?.[1] ?? file;

/**
 * Every feature folder's own catalogs (`src/<feature>/i18n/{en,ja}.json`), each a namespace named
 * after its folder; the shell's own strings are the default namespace.
 */
export function byNamespace(own: Catalog, modules: Record<string, CatalogModule>): Catalogs {
  const out: Catalogs = { translation: own };
  for (const [file, module] of Object.entries(modules)) out[featureOf(file)] = module.default;
  return out;
}
