import { CATALOGUE_STREAM, publishedDocuments, resolveCatalogueDocument } from '@trm/domain';
import type { PublishedCatalogueDocument, ResolvedCatalogue } from '@trm/domain';
import type { EventStore } from '@trm/event-store';
import { sharedPanels } from './panel-svg.renderer';
import type { PanelDocuments } from './panel-svg.renderer';

/** A published document as GET /v1/catalogue lists it (what the shared panel code reads). */
export interface ListedDocument {
  id: string;
  kind: 'baseline' | 'national';
  country?: string;
  base?: string;
  effectiveFrom: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

export function listed(p: PublishedCatalogueDocument): ListedDocument {
  const d = p.document;
  return {
    id: d.id, kind: d.kind, ...(d.kind === 'national' ? { country: d.country, base: d.base } : {}),
    effectiveFrom: d.effectiveFrom, publishedAt: p.recordedAt, publishedBy: p.publishedBy,
  };
}

/**
 * The catalogue documents a server-rendered panel reads, as the browser loads them: the published
 * list (the catalogue stream, after the shipped baseline) and, for the countries the panel shows
 * (the chosen one, else every country with a national profile), the document governing it at the
 * "as of" day among those known then, resolved — so an SVG marks the same cells "not adopted".
 */
export async function panelDocuments(store: Pick<EventStore, 'readStream'>, filters: Record<string, string>, now: Date): Promise<PanelDocuments> {
  const published = publishedDocuments(await store.readStream(CATALOGUE_STREAM));
  const cv = sharedPanels.catalogueView;
  const list = published.map(listed);
  const date = cv.dateOf(filters.asOf, now);
  const countries = filters.country ? [filters.country] : cv.profileCountries(list);
  const resolved: Record<string, ResolvedCatalogue> = {};
  for (const id of cv.toResolve(list, countries, date, filters.asOf)) {
    const doc = published.find((p) => p.document.id === id)?.document;
    const r = doc && resolveCatalogueDocument(doc, published);
    if (r) resolved[id] = r;
  }
  return { list, resolved, governing: cv.governingMap(list, resolved, countries, date, filters.asOf), available: true };
}
