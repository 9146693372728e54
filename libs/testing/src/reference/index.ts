export { referenceIndicator, referenceGaps, referenceOpenReferralList, REFERENCE_INDICATOR_IDS } from './reference-indicator';
export type { ReferenceOpenReferral } from './referral-loops';
export type { ReferenceGapRow } from './reference-indicator';
export type { ReferenceEvent } from './knowledge';
export { dimensionKey, formatPeriod } from './grouping';
export { wilson, quantileInclusive, Z95 } from './statistics';
export { Scenario, query } from './scenario';
export { referenceDisclosure, recordKey, cellKey } from './disclosure';
