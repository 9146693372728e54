import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { StoredEventData } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { INDICATORS, computeIndicator, hasSection, openReferrals } from '@trm/indicators';
import type { Dimension, IndicatorDefinition, IndicatorRow } from '@trm/indicators';
import { IngestPipeline } from '@trm/ingest';
import { ProjectorRunner } from '@trm/projections';
import { arbitraryHistory, pickAsOfTimes } from '@trm/testing/generators';
import type { History } from '@trm/testing/generators';
import { dimensionKey, referenceDisclosure, referenceGaps, referenceIndicator, referenceOpenReferralList } from '@trm/testing/reference';
import type { ReferenceEvent } from '@trm/testing/reference';
import { getCatalogue } from '@trm/domain';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';

/**
 * The service's indicators (SQL in the real chDB engine, fed by the real ingest pipeline, SQLite
 * store and projector) equal a deliberately plain TypeScript implementation of INDICATORS.md, for
 * random multi-country histories, several groupings and several knowledge times — exact, and as a
 * manager reads them under disclosure control (record keys from the same secret, cell keys summed
 * in the warehouse against the reference's HMACs of the units it counts).
 */
const SECRET = 'property-test';
const GROUPINGS: Dimension[][] = [
  [],
  ['country'],
  ['exploitation', 'period:quarter'],
  ['ageGroup', 'sex', 'countryRole'],
  ['toCountry', 'period:month'],
  ['citizenship', 'period:year'],
];

const RUNS = Number(process.env.TRM_PROPERTY_RUNS ?? 15);

const FIGURES = ['numerator', 'denominator', 'value', 'n', 'median', 'p90', 'count'] as const;

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b || (a == null && b == null);
}

function compare(def: IndicatorDefinition, service: IndicatorRow[], reference: IndicatorRow[], label: string): void {
  const byKey = (rows: IndicatorRow[]) => new Map(rows.map((r) => [dimensionKey(r), r]));
  const s = byKey(service);
  const r = byKey(reference);
  const problems: string[] = [];
  for (const [k, ref] of r) {
    const got = s.get(k);
    if (!got) { problems.push(`missing row ${k}: expected ${JSON.stringify(ref)}`); continue; }
    for (const f of FIGURES) {
      if (!close((got as Record<string, unknown>)[f], (ref as Record<string, unknown>)[f])) {
        problems.push(`${k} ${f}: service ${JSON.stringify((got as Record<string, unknown>)[f])} ≠ reference ${JSON.stringify((ref as Record<string, unknown>)[f])}`);
      }
    }
    if (def.kind === 'proportion' && ref.ci95 && got.ci95) {
      if (!close(got.ci95[0], ref.ci95[0]) || !close(got.ci95[1], ref.ci95[1])) problems.push(`${k} ci95 differs`);
    }
  }
  for (const k of s.keys()) if (!r.has(k)) problems.push(`extra row ${k}: ${JSON.stringify(s.get(k))}`);
  if (problems.length) throw new Error(`${label}\n  ${problems.slice(0, 8).join('\n  ')}`);
}

describe('indicators: service = reference implementation (property)', () => {
  let dir: string;
  let warehouse: ChdbWarehouse;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trm-prop-'));
    warehouse = new ChdbWarehouse(join(dir, 'warehouse'));
  });
  afterAll(async () => {
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function load(history: History): Promise<{ db: string; events: ReferenceEvent[]; rejected: number; total: number }> {
    const db = `prop_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    await migrate(warehouse, db);
    await loadCatalogue(warehouse, db, getCatalogue()!);
    const store = new SqliteEventStore({ path: ':memory:' });
    const pipeline = new IngestPipeline(store, { pseudonymSecret: SECRET });
    let rejected = 0;
    let total = 0;
    for (const batch of history.batches) {
      const at = new Date(batch.recordedAt);
      const { result } = await pipeline.submit(batch.events, {
        key: { id: 'prop', role: 'submitter', countries: ['*'] }, channel: 'http', submissionId: randomUUID(),
        receivedAt: at, recordedAt: at,
      });
      rejected += result.rejected.length;
      total += result.received;
    }
    const projector = new ProjectorRunner(store, warehouse, { db, recordKeySecret: SECRET });
    await projector.recover();
    await projector.catchUp();
    const stored = await store.readAll(0, 1_000_000);
    // Snapshots of the case views at a third, two thirds and the end of the history (each built from
    // the one before): figures as of later times start from them (after the last one, from it
    // alone), earlier ones read the versions alone.
    for (const f of [1 / 3, 2 / 3, 1]) {
      const at = stored[Math.floor(f * (stored.length - 1))];
      if (at) await projector.snapshots.build(at.position);
    }
    const events = stored.map((e) => ({ data: e.data as unknown as StoredEventData, recordedAt: e.metadata.recordedAt }));
    await store.close();
    return { db, events, rejected, total };
  }

  it('agrees on every indicator, grouping and knowledge time', async () => {
    let histories = 0;
    let comparisons = 0;
    let accepted = 0;
    let received = 0;
    // Rows the reference found, per indicator: every indicator must have been compared on real rows.
    const seen = new Map<string, number>();
    let openSeen = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryHistory({ maxCases: 30, maxEvents: 450 }), fc.integer({ min: 0, max: GROUPINGS.length - 1 }), async (history, g0) => {
        const { db, events, total } = await load(history);
        histories += 1;
        accepted += events.length;
        received += total;
        try {
          const times = pickAsOfTimes(history, 3);
          const span = history.batches.map((b) => Date.parse(b.recordedAt));
          const mid = new Date((span[0] + span[span.length - 1]) / 2);
          for (const [ti, asOf] of times.entries()) {
            for (const def of INDICATORS) {
              for (const groupBy of [GROUPINGS[(g0 + ti) % GROUPINGS.length], GROUPINGS[(g0 + ti + 3) % GROUPINGS.length]]) {
                const dims = groupBy.filter((d) => def.dimensions.includes(d));
                // Filters vary with the knowledge time: none; both bounds and some measures; one
                // bound, some countries and some SOPs (each is rendered only when asked for).
                const q = {
                  asOf, groupBy: dims,
                  ...(ti === 1 ? { from: new Date(span[0] - 200 * 86_400_000), to: mid } : {}),
                  ...(ti === 1 && def.filters.includes('measure') ? { measures: ['SOP1.M1', 'SOP1.M4', 'SOP2.M5', 'SOP3.M2', 'SOP4.M4'] } : {}),
                  // Referrals seen from both sides: receivers named (toCountry), or a rapporteur's
                  // countries on either side (naming neither), as the service scopes them.
                  ...(ti === 1 && def.filters.includes('toCountry') ? { toCountries: ['IT', 'RO'] } : {}),
                  ...(ti === 0 && g0 % 2 && def.filters.includes('toCountry') ? { eitherSide: ['BG', 'IT'] } : {}),
                  ...(ti === 2 ? { countries: ['BG', 'IT'], ...(g0 % 2 ? { from: mid } : { to: mid }) } : {}),
                  ...(ti === 2 && def.filters.includes('sop') ? { sops: [1, 3, 4] } : {}),
                };
                const reference = referenceIndicator(events, def.id, q);
                seen.set(def.id, (seen.get(def.id) ?? 0) + reference.length);
                // Both forms of an indicator that has a form over the live rows (measure.days_to).
                for (const live of hasSection(def.id, 'live') ? [true, false] : [undefined]) {
                  const service = await computeIndicator(warehouse, db, def, q, { live });
                  compare(def, service, reference, `${def.id} groupBy=${dims.join(',')} asOf=${asOf.toISOString()} live=${live} q=${JSON.stringify(q)}`);
                  comparisons += 1;
                  // The same rows under disclosure control (k varies: small histories need a small k
                  // for rows to be published at all).
                  const k = [2, 3, 5][(g0 + ti) % 3];
                  const managed = await computeIndicator(warehouse, db, def, q, { live, disclosureK: k });
                  compare(def, managed, referenceDisclosure(reference, SECRET, k), `disclosure k=${k}: ${def.id} groupBy=${dims.join(',')} asOf=${asOf.toISOString()} live=${live} q=${JSON.stringify(q)}`);
                  for (const row of managed) expect(row.suppressed).toBeUndefined();
                  comparisons += 1;
                }
              }
            }
            // GET /v1/gaps with case ids: the overdue cases themselves, not just their number.
            const gq = { asOf, groupBy: ['country'] as Dimension[] };
            const withIds = await computeIndicator(warehouse, db, INDICATORS.find((d) => d.id === 'measure.overdue')!, gq, { caseIds: true });
            const refGaps = referenceGaps(events, gq, true);
            expect(withIds.map((r) => ({ measure: r.measure, country: r.country, count: r.count, caseIds: (r as { caseIds?: string[] }).caseIds })))
              .toEqual(refGaps.map((r) => ({ measure: r.measure, country: r.country, count: r.count, caseIds: r.caseIds })));
            // GET /v1/referrals/open: unfiltered, by sender, by receiver, and a rapporteur's either side.
            for (const oq of [{}, { countries: ['BG', 'RO'] }, { toCountries: ['IT'] }, { eitherSide: ['BG'] }]) {
              const expected = referenceOpenReferralList(events, { asOf, ...oq });
              const got = await openReferrals(warehouse, db, { asOf, ...oq });
              expect({ q: oq, asOf, rows: got }).toEqual({ q: oq, asOf, rows: expected });
              openSeen += expected.length;
            }
          }
        } finally {
          await warehouse.command('DROP DATABASE IF EXISTS {db:Identifier}', { db });
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The generator must exercise the service: nearly everything it produces is accepted.
    expect(accepted / received).toBeGreaterThan(0.97);
    if (RUNS >= 10) expect(openSeen).toBeGreaterThan(0);
    if (RUNS >= 10) for (const def of INDICATORS) expect([def.id, seen.get(def.id) ?? 0]).not.toEqual([def.id, 0]);
    console.log(`property: ${histories} histories, ${comparisons} indicator comparisons, ${accepted}/${received} events accepted; ${openSeen} open referrals; reference rows ${JSON.stringify(Object.fromEntries(seen))}`);
  }, Math.max(300_000, RUNS * 25_000));
});
