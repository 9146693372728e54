// Properties of the reference under catalogue documents, on generated histories: what must not
// change a figure (documents published after T; profiles that adapt nothing) and what must
// (a profile not adopting a measure empties that measure's rows for its country's cases).
import fc from 'fast-check';
import type { NationalProfile } from '@trm/domain';
import { arbitraryHistory, pickAsOfTimes, toReferenceDocuments, toReferenceEvents } from '../src/generators';
import type { History } from '../src/generators';
import { REFERENCE_INDICATOR_IDS, SHIPPED_DOCUMENTS, query, referenceCatalogueVersions, referenceIndicator } from '../src/reference';
import type { ReferenceDocument } from '../src/reference';

const histories: History[] = fc
  .sample(arbitraryHistory({ catalogue: true, maxCases: 20, maxEvents: 250 }), { numRuns: 30, seed: 4_115 })
  .filter((h) => h.publications.length > 0)
  .slice(0, 8);
const MEASURE_IDS = REFERENCE_INDICATOR_IDS.filter((id) => id.startsWith('measure.'));
const json = (x: unknown) => JSON.stringify(x);

describe('reference under catalogue documents — properties', () => {
  it('has histories with publications to work on', () => {
    expect(histories.length).toBeGreaterThanOrEqual(5);
  });

  it('documents published after T change nothing as of T', () => {
    for (const h of histories) {
      const events = toReferenceEvents(h);
      const documents = toReferenceDocuments(h);
      for (const asOf of pickAsOfTimes(h, 4)) {
        const known = documents.filter((d) => d.recordedAt === null || Date.parse(d.recordedAt) <= asOf.getTime());
        const q = query({ asOf: asOf.toISOString(), groupBy: ['country'] });
        for (const id of MEASURE_IDS) {
          expect([id, json(referenceIndicator(events, id, q, documents))]).toEqual([id, json(referenceIndicator(events, id, q, known))]);
        }
        expect(referenceCatalogueVersions(events, q, documents)).toEqual(referenceCatalogueVersions(events, q, known));
      }
    }
  });

  it('a profile that adapts nothing changes no figure, only catalogueVersions', () => {
    for (const h of histories) {
      const events = toReferenceEvents(h);
      const countries = [...new Set(h.batches.flatMap((b) => b.events).map((e) => e.country))];
      const empty: ReferenceDocument[] = countries.map((country) => ({
        document: { id: `trm-${country}-0`, kind: 'national', country, base: 'trm-baseline-1', effectiveFrom: '0001-01-01', adaptations: {} },
        recordedAt: '2000-01-01T00:00:00.000Z',
      }));
      const q = query({ groupBy: ['country'] });
      for (const id of REFERENCE_INDICATOR_IDS) {
        expect([id, json(referenceIndicator(events, id, q, [...SHIPPED_DOCUMENTS, ...empty]))]).toEqual([id, json(referenceIndicator(events, id, q))]);
      }
      const cohortCountries = referenceCatalogueVersions(events, q, [...SHIPPED_DOCUMENTS, ...empty]);
      expect(cohortCountries.every((v) => /^trm-[A-Z]{2}-0$/.test(v))).toBe(true);
      expect(referenceCatalogueVersions(events, q)).toEqual(cohortCountries.length ? ['trm-baseline-1'] : []);
    }
  });

  it('a profile not adopting a measure removes exactly its country\'s rows of that measure', () => {
    let removed = 0;
    for (const h of histories) {
      const events = toReferenceEvents(h);
      const country = h.batches[0].events[0].country;
      const profile: NationalProfile = {
        id: `trm-${country}-9`, kind: 'national', country, base: 'trm-baseline-1', effectiveFrom: '0001-01-01',
        adaptations: { 'SOP1.M1': { adopted: false }, 'SOP2.M4': { adopted: false } },
      };
      const documents = [...SHIPPED_DOCUMENTS, { document: profile, recordedAt: '2000-01-01T00:00:00.000Z' }];
      const q = query({ groupBy: ['country'] });
      for (const id of MEASURE_IDS) {
        const before = referenceIndicator(events, id, q);
        const after = referenceIndicator(events, id, q, documents);
        const expected = before.filter((r) => !(r.country === country && (r.measure === 'SOP1.M1' || r.measure === 'SOP2.M4')));
        expect([id, json(after)]).toEqual([id, json(expected)]);
        removed += before.length - expected.length;
      }
      // Records of them still count where no applicability is involved.
      for (const id of ['case.measures_used', 'sop.reach']) {
        expect([id, json(referenceIndicator(events, id, q, documents))]).toEqual([id, json(referenceIndicator(events, id, q))]);
      }
    }
    expect(removed).toBeGreaterThan(0);
  });
});
