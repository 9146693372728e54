// Two independent readings of CATALOGUE.md agree: the reference's plain V(c) and profile
// resolution (libs/testing/src/reference/catalogue-documents.ts) and the domain's
// (governingDocument, resolveCatalogueDocument), on the generator's random publications, for
// every case of the history and several knowledge times.
import fc from 'fast-check';
import { governingDocument as domainGoverning, resolveCatalogueDocument } from '@trm/domain';
import type { PublishedCatalogueDocument } from '@trm/domain';
import { arbitraryHistory, pickAsOfTimes, toReferenceDocuments } from '../src/generators';
import { governingDocument, rulesOf } from '../src/reference';

const histories = fc.sample(arbitraryHistory({ catalogue: true, maxCases: 25 }), { numRuns: 40, seed: 15 });

describe('reference V(c) = domain V(c)', () => {
  it('the same document governs every case at every knowledge time, with the same measure rules', () => {
    let compared = 0;
    let notShipped = 0;
    let resolutions = 0;
    for (const h of histories) {
      const checkedRules = new Set<string>();
      const documents = toReferenceDocuments(h);
      const published: PublishedCatalogueDocument[] = documents.map((d) => ({ ...d, publishedBy: d.recordedAt === null ? null : 'test' }));
      const opened = h.batches.flatMap((b) => b.events).filter((e) => e.type === 'case.opened');
      const times = [...pickAsOfTimes(h, 5), ...h.publications.flatMap((p) => [Date.parse(p.recordedAt) - 1, Date.parse(p.recordedAt)]).map((t) => new Date(t))];
      for (const T of times) {
        for (const e of opened) {
          const openedAt = Date.parse(e.occurredAt);
          const mine = governingDocument(documents, e.country, openedAt, T.getTime());
          const theirs = domainGoverning(published, { country: e.country, openedMs: openedAt }, T.getTime());
          if (mine?.id !== theirs?.id) expect({ country: e.country, openedAt: e.occurredAt, T, governing: mine?.id }).toEqual({ country: e.country, openedAt: e.occurredAt, T, governing: theirs?.id });
          if (!mine || !theirs) continue;
          compared += 1;
          if (mine.id !== 'trm-baseline-1') notShipped += 1;
          // Documents are immutable: each one's rules are compared once per history.
          if (checkedRules.has(mine.id)) continue;
          checkedRules.add(mine.id);
          resolutions += 1;
          const rules = rulesOf(mine, documents);
          const resolved = resolveCatalogueDocument(theirs, published)!;
          expect([...rules.measures.values()].map((m) => ({
            code: m.code, sop: m.sop, appliesTo: [...m.appliesTo], deadline: m.deadline ?? null, before: m.before, adopted: m.adopted !== false,
          }))).toEqual(resolved.measures.map((m) => ({
            code: m.code, sop: m.sop, appliesTo: m.appliesTo, deadline: m.deadline, before: m.before, adopted: m.adopted,
          })));
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(notShipped).toBeGreaterThan(100);
    expect(resolutions).toBeGreaterThan(40);
  });
});
