export { arbitraryHistory, DEFAULT_COUNTRIES } from './history.arbitrary';
export type { HistoryOptions } from './history.arbitrary';
export type { History, HistoryBatch } from './history-builder';
export { formatInstant } from './history-builder';
export { pickAsOfTimes } from './as-of';
export { toReferenceEvents, plainCaseId } from './to-reference';
export { seededUuid } from './ids';
export type { HistoryPublication } from './catalogue-publications';
export { toReferenceDocuments } from './to-reference';
