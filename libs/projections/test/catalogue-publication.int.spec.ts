import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoTimeline } from '@trm/demo-data';
import type { CatalogueDocument, StoredEventData, SubmittedEvent } from '@trm/domain';
import { CATALOGUE_PUBLISHED, CATALOGUE_STREAM, checkCatalogueDocument, contentHash, getCatalogue, SHIPPED_CATALOGUE } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { catalogueVersions, computeIndicator, findIndicator, NO_SNAPSHOT } from '@trm/indicators';
import type { IndicatorRow } from '@trm/indicators';
import { IngestPipeline } from '@trm/ingest';
import { InThreadBatchSource, ProjectorRunner } from '@trm/projections';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';

/**
 * A catalogue publication changes figures from its knowledge time on, and only for the cases it
 * governs (CATALOGUE.md "Versions and national profiles"): on the real SQLite store and chDB, a
 * demo history is projected, a national profile not adopting a measure and removing a deadline is
 * published, more events follow; figures as of before the publication are unchanged, after it the
 * profile's country has no denominator for the measure and no overdue case of the other, other
 * countries are untouched, answers name the governing documents, and a rebuild from the store (in
 * small batches, with a small case cache) gives the same figures as of both times.
 */
describe('catalogue publications: the projector folds cases under V(c) as of each knowledge time', () => {
  let dir: string;
  let warehouse: ChdbWarehouse;
  let store: SqliteEventStore;
  const db = `cat_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const rebuilt = `${db}_rebuilt`;
  let before: Date;
  let after: Date;
  let country: string;
  let measure: string;
  let deadlineMeasure: string;
  let published: CatalogueDocument;
  /** measure.delivery and measure.overdue by country as of `before`, computed before the publication. */
  let then: IndicatorRow[][];

  const delivery = findIndicator('measure.delivery')!;
  const overdue = findIndicator('measure.overdue')!;
  const rows = (d: string, def = delivery, asOf = after) =>
    computeIndicator(warehouse, d, def, { asOf, groupBy: ['country'] }, { snapshot: NO_SNAPSHOT });
  const cell = (rs: IndicatorRow[], c: string, m: string) => rs.find((r) => r.country === c && r.measure === m);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trm-cat-'));
    warehouse = new ChdbWarehouse(join(dir, 'warehouse'));
    for (const d of [db, rebuilt]) {
      await migrate(warehouse, d);
      await loadCatalogue(warehouse, d, getCatalogue()!);
    }
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const pipeline = new IngestPipeline(store, { pseudonymSecret: 'cat-test' });
    const key = { id: 'test', role: 'submitter' as const, countries: ['*'] };
    const projector = new ProjectorRunner(store, warehouse, { db, batchSize: 500 });
    await projector.recover();
    const timeline = [...generateDemoTimeline({ seed: 11, cases: 240, end: new Date('2026-06-01T00:00:00Z') })];
    const half = Math.floor(timeline.length * 0.7);
    const submit = async (events: SubmittedEvent[], at: number) => {
      for (let i = 0; i < events.length; i += 2_000) {
        const { result } = await pipeline.submit(events.slice(i, i + 2_000), { key, channel: 'http', submissionId: randomUUID(), receivedAt: new Date(at), recordedAt: new Date(at) });
        expect(result.rejected).toEqual([]);
      }
    };
    const t0 = timeline[half].reportedAt.getTime();
    await submit(timeline.slice(0, half).map((t) => t.event), t0);
    await projector.catchUp();

    // The profile: the country and measure with the largest delivery denominator lose it.
    before = new Date(t0 + 1_000);
    const base = await rows(db, delivery, before);
    const biggest = [...base].sort((a, b) => (b.denominator ?? 0) - (a.denominator ?? 0))[0];
    country = biggest.country!;
    measure = biggest.measure!;
    const overdueRows = await rows(db, overdue, before);
    then = [base, overdueRows];
    const late = overdueRows.filter((r) => r.country === country && r.measure !== measure).sort((a, b) => (b.count ?? 0) - (a.count ?? 0))[0];
    deadlineMeasure = late.measure!;
    const checked = checkCatalogueDocument({
      id: `trm-${country}-1`, kind: 'national', country, base: 'trm-baseline-1', effectiveFrom: '2000-01-01',
      adaptations: { [measure]: { adopted: false }, [deadlineMeasure]: { deadline: null } },
    }, { published: SHIPPED_CATALOGUE, countries: ['*'] });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    published = checked.document;
    const at = t0 + 2_000;
    await store.append([{
      streamId: CATALOGUE_STREAM, expected: 'no_stream',
      events: [{
        eventId: randomUUID(), type: CATALOGUE_PUBLISHED, data: published as unknown as Record<string, unknown>,
        metadata: { recordedAt: new Date(at).toISOString(), submissionId: randomUUID(), keyId: 'admin', channel: 'http' },
        contentHash: contentHash(published as unknown as StoredEventData),
      }],
    }]);
    after = new Date(t0 + 3_000);
    await projector.catchUp();
    // Events after the publication: folded under the profile as they arrive.
    const t1 = timeline[timeline.length - 1].reportedAt.getTime() + 10_000;
    await submit(timeline.slice(half).map((t) => t.event), t1);
    await projector.catchUp();
    after = new Date(t1 + 1_000);

    const again = new ProjectorRunner(store, warehouse, { db: rebuilt, batchSize: 97, source: new InThreadBatchSource(store, undefined, 20) });
    await again.recover();
    await again.catchUp();
  }, 600_000);

  afterAll(async () => {
    await warehouse.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the figures as of before the publication are those computed then', async () => {
    const base = await rows(db, delivery, before);
    expect(base).toEqual(then[0]);
    expect(await rows(db, overdue, before)).toEqual(then[1]);
    expect(cell(base, country, measure)?.denominator).toBeGreaterThan(0);
    expect((await rows(db, overdue, before)).some((r) => r.country === country && r.measure === deadlineMeasure)).toBe(true);
    expect(await catalogueVersions(warehouse, db, { asOf: before, groupBy: [] }, { snapshot: NO_SNAPSHOT })).toEqual(['trm-baseline-1']);
  });

  it('after it, the profile\'s country has no denominator for the measure it did not adopt and no overdue case of the deadline it removed', async () => {
    const now = await rows(db, delivery, after);
    expect(cell(now, country, measure)).toBeUndefined();
    expect(now.some((r) => r.country !== country && r.measure === measure)).toBe(true);
    expect((await rows(db, overdue, after)).some((r) => r.country === country && r.measure === deadlineMeasure)).toBe(false);
    expect((await rows(db, overdue, after)).some((r) => r.country !== country && r.measure === deadlineMeasure)).toBe(true);
  });

  it('other countries keep their figures (same as with the baseline alone)', async () => {
    const mine = (await rows(db, delivery, after)).filter((r) => r.country !== country);
    // Their cases were never folded again: as of the last batch their rows equal a rebuild's.
    expect(mine).toEqual((await rows(rebuilt, delivery, after)).filter((r) => r.country !== country));
    expect(mine.length).toBeGreaterThan(0);
  });

  it('answers name the documents governing the cohort', async () => {
    expect(await catalogueVersions(warehouse, db, { asOf: after, groupBy: [] }, { snapshot: NO_SNAPSHOT })).toEqual(['trm-baseline-1', published.id].sort());
    expect(await catalogueVersions(warehouse, db, { asOf: after, groupBy: [], countries: [country] }, { snapshot: NO_SNAPSHOT })).toEqual([published.id]);
  });

  it('a rebuild from the store gives the same figures as of before and after the publication', async () => {
    for (const def of [delivery, overdue, findIndicator('measure.compliance')!, findIndicator('measure.timeliness')!, findIndicator('measure.sequence')!, findIndicator('case.count')!]) {
      for (const asOf of [before, after]) {
        expect(await rows(rebuilt, def, asOf)).toEqual(await rows(db, def, asOf));
      }
    }
  });
});
