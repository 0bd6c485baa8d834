// The extension takes @pitchside/shared's pure logic from its zod-free entry (see packages/shared/src/domain.ts).
export {
  chosenDeal,
  detectSignals,
  EMPTY_VOCABULARY,
  inferPersona,
  isExternalAddress,
  signatureTitle,
  vocabularyOf,
} from "@pitchside/shared/domain";
