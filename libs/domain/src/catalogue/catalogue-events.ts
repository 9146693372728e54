import type { EventMetadata } from '../events';
import type { CatalogueDocument, PublishedCatalogueDocument } from './catalogue-document';
import { SHIPPED_CATALOGUE } from './catalogue-document';

/**
 * Catalogue documents as events (CATALOGUE.md "Versions and national profiles"): every published
 * document is one `catalogue.published` event of one stream, outside the case streams. Its data is
 * the checked document (checkCatalogueDocument's copy), its metadata the service's (`recordedAt` =
 * the document's knowledge time, `keyId` = who published it). The stream's order is publication order.
 */
export const CATALOGUE_STREAM = 'trm-catalogue';
export const CATALOGUE_PUBLISHED = 'catalogue.published';

/** Is this stored event a catalogue publication (not a case event)? */
export function isCatalogueEvent(e: { streamId?: string; type: string }): boolean {
  return e.type === CATALOGUE_PUBLISHED;
}

/** The document a `catalogue.published` event carries, as the list of published documents holds it. */
export function publishedDocumentOf(e: { data: Record<string, unknown>; metadata: EventMetadata }): PublishedCatalogueDocument {
  return { document: e.data as unknown as CatalogueDocument, recordedAt: e.metadata.recordedAt, publishedBy: e.metadata.keyId };
}

/** The published documents: the shipped baseline, then the catalogue stream's events in order. */
export function publishedDocuments(events: readonly { type: string; data: Record<string, unknown>; metadata: EventMetadata }[]): PublishedCatalogueDocument[] {
  return [...SHIPPED_CATALOGUE, ...events.filter(isCatalogueEvent).map(publishedDocumentOf)];
}
