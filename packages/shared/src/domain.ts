// `@pitchside/shared/domain`: the package's pure logic without its zod schemas. The main entry also
// builds those schemas at load time, which the extension's content scripts never use and which Parcel
// 2.9 (Plasmo's bundler) mis-bundles from zod 4 (`z.enum is not a function` at run time).
export {
  chosenDeal,
  confidentDealMatch,
  type DealChoice,
  dealMatchTier,
  sortDealMatches,
} from "./deal-match";
export { emailDomain, isExternalAddress, isPersonalDomain, looksLikeEmail } from "./email-domain";
export { inferPersona, signatureTitle } from "./persona";
export { detectSignals } from "./signals";
export { EMPTY_VOCABULARY, vocabularyOf } from "./vocabulary";
