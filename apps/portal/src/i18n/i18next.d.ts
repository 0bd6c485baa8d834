import "i18next";
import type analytics from "../analytics/i18n/en.json";
import type collections from "../collections/i18n/en.json";
import type deals from "../deals/i18n/en.json";
import type library from "../library/i18n/en.json";
import type links from "../links/i18n/en.json";
import type people from "../people/i18n/en.json";
import type requests from "../requests/i18n/en.json";
import type sharing from "../sharing/i18n/en.json";
import type translation from "./en.json";

// Keys are checked per namespace. A new feature folder with its own catalogs is loaded at runtime by
// the globs in catalog-en.ts and catalog-ja.ts; add its English catalog here so its keys are checked too.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: {
      translation: typeof translation;
      library: typeof library;
      analytics: typeof analytics;
      collections: typeof collections;
      deals: typeof deals;
      requests: typeof requests;
      links: typeof links;
      people: typeof people;
      sharing: typeof sharing;
    };
  }
}
