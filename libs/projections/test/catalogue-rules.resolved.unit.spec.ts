import { SHIPPED_BASELINE, SHIPPED_CATALOGUE, resolveCatalogueDocument } from '@trm/domain';
import type { CatalogueDocument, PublishedCatalogueDocument, ResolvedCatalogue } from '@trm/domain';
import { caseFacts, foldHistory } from '../src/case-facts';
import type { FoldedEvent } from '../src/case-facts';
import { catalogueRules, catalogueRulesOf } from '../src/catalogue-rules';

/**
 * Catalogue rules built from a resolved document (what `CatalogueAsOf.rulesFor(case)` gives): the
 * shipped baseline gives exactly today's rules; a national profile's measures not adopted apply to
 * no case, its national deadlines replace the base's and `null` removes them. The projector does
 * not use this yet (it still folds every case under the baseline).
 */

const DAY = 86_400_000;
const BG1 = {
  id: 'trm-BG-1', kind: 'national', country: 'BG', base: 'trm-baseline-1', effectiveFrom: '2025-01-01',
  adaptations: {
    'SOP1.M4': { adopted: false },
    'SOP2.M1': { deadline: { anchor: 'SOP1.M3', within: 'P2D' } },
    'SOP3.M6': { deadline: null },
  },
} as unknown as CatalogueDocument;
const PUBLISHED: PublishedCatalogueDocument[] = [...SHIPPED_CATALOGUE, { document: BG1, recordedAt: '2025-03-01T00:00:00Z', publishedBy: 'admin' }];
const resolved = (doc: CatalogueDocument): ResolvedCatalogue => resolveCatalogueDocument(doc, PUBLISHED)!;

describe('catalogueRulesOf(resolved document)', () => {
  it('the shipped baseline resolved gives the rules of catalogueRules()', () => {
    const a = catalogueRulesOf(resolved(SHIPPED_BASELINE));
    const b = catalogueRules();
    for (const m of SHIPPED_BASELINE.measures) expect(a.rule(m.code)).toEqual(b.rule(m.code));
    expect(a.withDeadline).toEqual(b.withDeadline);
    expect(a.version).toBe('trm-baseline-1');
    expect(a.rule('SOP1.M1').adopted).toBe(true);
  });

  it('a profile: not adopted → applies to no case; national deadline; deadline removed', () => {
    const rules = catalogueRulesOf(resolved(BG1));
    expect(rules.version).toBe('trm-BG-1');
    const m4 = rules.rule('SOP1.M4');
    expect(m4).toMatchObject({ sop: 1, adopted: false });
    for (const child of [false, true]) for (const foreign of [false, true]) for (const origin of [false, true]) {
      expect(rules.profileFits(m4, { child, foreign, origin })).toBe(false);
    }
    expect(rules.profileFits(catalogueRules().rule('SOP1.M4'), { child: false, foreign: true, origin: false })).toBe(true);
    expect(rules.rule('SOP2.M1')).toMatchObject({ anchor: 'SOP1.M3', withinMs: 2 * DAY });
    expect(rules.rule('SOP3.M6')).toMatchObject({ anchor: undefined, withinMs: 0, sop: 3 });
    expect(rules.withDeadline.map((r) => r.code)).not.toContain('SOP3.M6');
  });

  it('in the case facts: a measure not adopted is never overdue and has no denominator, yet a record of it still counts as used', () => {
    const T0 = Date.parse('2025-02-01T10:00:00Z');
    const at = (days: number) => new Date(T0 + days * DAY).toISOString();
    let n = 0;
    const ev = (fields: Record<string, unknown>, occurredAt: string): FoldedEvent => {
      const eventId = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
      return { eventId, data: { eventId, schemaVersion: 1, caseId: 'c1', country: 'BG', occurredAt, ...fields }, metadata: { recordedAt: at(30) } } as unknown as FoldedEvent;
    };
    const history = foldHistory([
      ev({ type: 'case.opened', profile: { ageBand: '25-34', sex: 'female', citizenship: 'RO', exploitation: ['labour'], countryRole: 'destination' } }, at(0)),
      ev({ type: 'measure.recorded', measure: 'SOP1.M1', status: 'completed', actor: 'ngo' }, at(1)),
    ]);
    const baseline = caseFacts(history, catalogueRules())!;
    const national = caseFacts(history, catalogueRulesOf(resolved(BG1)))!;
    expect(baseline.deadlines.has('SOP1.M4')).toBe(true); // a foreign adult: the reflection period is due
    expect(national.deadlines.has('SOP1.M4')).toBe(false);

    const recorded = foldHistory([
      ev({ type: 'case.opened', profile: { ageBand: '25-34', sex: 'female', citizenship: 'RO', exploitation: ['labour'], countryRole: 'destination' } }, at(0)),
      ev({ type: 'measure.recorded', measure: 'SOP1.M4', status: 'completed', actor: 'migration_authority' }, at(2)),
    ]);
    const facts = caseFacts(recorded, catalogueRulesOf(resolved(BG1)))!;
    expect(facts.pairs.get('SOP1.M4')).toMatchObject({ applies: false, sop: 1 });
    expect(facts.row.measuresUsed).toBe(1);
    expect(facts.row.enteredMask & (1 << 1)).not.toBe(0);
  });
});
