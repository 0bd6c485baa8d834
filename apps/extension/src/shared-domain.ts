// The pure domain logic of @pitchside/shared, imported file by file: the package's index also builds its
// zod schemas at load time, which content scripts never use and which Parcel 2.9 (Plasmo's bundler)
// mis-bundles from zod 4 (`z.enum is not a function` at run time). Types come from the package itself.
export { confidentDealMatch } from "../../../packages/shared/src/deal-match";
export { isExternalAddress } from "../../../packages/shared/src/email-domain";
export { inferPersona, signatureTitle } from "../../../packages/shared/src/persona";
export { detectSignals } from "../../../packages/shared/src/signals";
export { EMPTY_VOCABULARY, vocabularyOf } from "../../../packages/shared/src/vocabulary";
