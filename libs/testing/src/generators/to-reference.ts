// A generated history as the reference implementation reads it: stored events with recordedAt.
import type { StoredEventData } from '@trm/domain';
import type { ReferenceEvent } from '../reference/knowledge';
import { SHIPPED_DOCUMENTS } from '../reference/catalogue-documents';
import type { ReferenceDocument } from '../reference/catalogue-documents';
import type { History } from './history-builder';

/** The stand-in for the service's pseudonymous caseId (CONTRACT §5) when none is supplied. */
export const plainCaseId = (country: string, caseRef: string): string => `${country}:${caseRef}`;

/** Every event of the history, caseRef re-keyed by `caseIdOf`, recordedAt = its batch's. */
export function toReferenceEvents(
  history: History,
  caseIdOf: (country: string, caseRef: string) => string = plainCaseId,
): ReferenceEvent[] {
  return history.batches.flatMap((batch) =>
    batch.events.map((e) => {
      const { caseRef, ...rest } = e;
      const data = { ...rest, caseId: caseIdOf(e.country, caseRef) } as StoredEventData;
      return { data, recordedAt: batch.recordedAt };
    }),
  );
}

/** The catalogue documents of a history as the reference reads them: `trm-baseline-1`, then each publication. */
export function toReferenceDocuments(history: History): ReferenceDocument[] {
  return [...SHIPPED_DOCUMENTS, ...history.publications.map((p) => ({ document: p.document, recordedAt: p.recordedAt }))];
}
