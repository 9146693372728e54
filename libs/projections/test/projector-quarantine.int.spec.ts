import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, getCatalogue } from '@trm/domain';
import type { SubmittedEvent } from '@trm/domain';
import { SqliteEventStore, streamIdOf } from '@trm/event-store';
import { computeIndicator, findIndicator } from '@trm/indicators';
import { IngestPipeline } from '@trm/ingest';
import { ProjectorRunner } from '@trm/projections';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';
import { hash } from 'node:crypto';

/**
 * A projector that never stops for one event, on the real SQLite store and chDB. Events that
 * ingest would now refuse are written straight into the store (as a store written by an older
 * version, or tampered with, could hold them): one whose time the warehouse cannot hold (caught by
 * the projection), and one with a value its column cannot hold (an array column given a string: the
 * warehouse refused its JSON row, found by halving the batch; the RowBinary writer refuses the value
 * itself, so the projection names the event).
 * Both are quarantined by position; every other event is projected and counted.
 */
describe('projector quarantine', () => {
  let dir: string;
  let warehouse: ChdbWarehouse;
  let store: SqliteEventStore;
  const db = `quarantine_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const key = { id: 'test', role: 'submitter' as const, countries: ['*'] };
  const bad: number[] = [];
  let goodCases = 0;

  const opened = (caseRef: string, occurredAt = '2025-01-10T10:00:00Z'): SubmittedEvent => ({
    eventId: randomUUID(), type: 'case.opened', schemaVersion: 1, country: 'BG', caseRef, occurredAt,
    profile: { ageBand: '25-34', sex: 'female', citizenship: 'RO', exploitation: ['labour'], countryRole: 'destination' },
  } as SubmittedEvent);

  /** Appends stored data as it is, past every ingest check. */
  async function appendRaw(caseId: string, data: Record<string, unknown>): Promise<number> {
    const json = canonicalJson(data);
    const [r] = await store.append([{
      streamId: streamIdOf(caseId), expected: 'no_stream',
      events: [{
        eventId: String(data.eventId), type: String(data.type), data,
        metadata: { recordedAt: new Date().toISOString(), submissionId: randomUUID(), keyId: 'legacy', channel: 'http' },
        contentHash: hash('sha256', json, 'hex'), dataJson: json,
      }],
    }]);
    return r.positions[0]!;
  }

  async function submit(events: SubmittedEvent[]): Promise<void> {
    const pipeline = new IngestPipeline(store, { pseudonymSecret: 'quarantine-test' });
    const { result } = await pipeline.submit(events, { key, channel: 'http', submissionId: randomUUID(), receivedAt: new Date() });
    expect(result.rejected).toEqual([]);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trm-quarantine-'));
    warehouse = new ChdbWarehouse(join(dir, 'warehouse'));
    await migrate(warehouse, db);
    await loadCatalogue(warehouse, db, getCatalogue()!);
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    await submit(Array.from({ length: 40 }, (_, i) => opened(`A-${i}`)));
    goodCases += 40;
    // Year 0000 parses, but no DateTime64 holds it: the projection refuses it by name.
    bad.push(await appendRaw('legacy-case-0000', {
      ...opened('x', '0000-01-01T00:00:00Z'), caseRef: undefined, caseId: 'legacy-case-0000', eventId: randomUUID(),
    }));
    // A legacy lower-case `z` is not a failure: it is normalised and projected.
    await appendRaw('legacy-case-lower-z', { ...opened('y', '2024-01-01T00:00:00z'), caseRef: undefined, caseId: 'legacy-case-lower-z', eventId: randomUUID() });
    goodCases += 1;
    await submit(Array.from({ length: 30 }, (_, i) => opened(`B-${i}`)));
    goodCases += 30;
    // A profile whose exploitation is a string: no Array column holds it.
    const shapeless = { ...opened('z'), caseRef: undefined, caseId: 'legacy-case-shape', eventId: randomUUID() } as Record<string, unknown>;
    shapeless.profile = { ...(shapeless.profile as object), exploitation: 'labour' };
    bad.push(await appendRaw('legacy-case-shape', shapeless));
    await submit(Array.from({ length: 25 }, (_, i) => opened(`C-${i}`)));
    goodCases += 25;
  });

  afterAll(async () => {
    await warehouse.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('catches up past both failing events, lists them by position and counts every other case', async () => {
    const projector = new ProjectorRunner(store, warehouse, { db, batchSize: 64 });
    await projector.recover();
    await projector.catchUp();
    const head = await store.headPosition();
    expect(projector.status().checkpoint).toBe(head);
    expect(projector.status().quarantined).toBe(2);
    const listed = await projector.quarantine();
    expect(listed.map((q) => q.position)).toEqual(bad);
    expect(listed.map((q) => q.reason)).toEqual(['invalid_occurred_at', 'invalid_value']);
    expect(listed.map((q) => q.caseId)).toEqual(['legacy-case-0000', 'legacy-case-shape']);
    // Nothing of either event reached a read model; everything else did.
    const [rows] = await warehouse.query<{ n: number }>(
      'SELECT count() AS n FROM {db:Identifier}.events_v1 WHERE position IN {p:Array(UInt64)}', { db, p: bad },
    );
    expect(Number(rows.n)).toBe(0);
    const count = await computeIndicator(warehouse, db, findIndicator('case.count')!, { asOf: new Date(), groupBy: [] });
    expect(count).toEqual([expect.objectContaining({ count: goodCases })]);
  });

  it('a restarted projector keeps the quarantine and projects what comes after it', async () => {
    await submit([opened('D-1')]);
    const projector = new ProjectorRunner(store, warehouse, { db, batchSize: 64 });
    await projector.recover();
    expect(projector.status().quarantined).toBe(2);
    await projector.catchUp();
    expect(projector.status().checkpoint).toBe(await store.headPosition());
    const count = await computeIndicator(warehouse, db, findIndicator('case.count')!, { asOf: new Date(), groupBy: [] });
    expect(count).toEqual([expect.objectContaining({ count: goodCases + 1 })]);
  });

  it('the running loop retries, isolates and goes on too (a fresh database, as a replay builds)', async () => {
    const replayDb = `${db}_loop`;
    await migrate(warehouse, replayDb);
    await loadCatalogue(warehouse, replayDb, getCatalogue()!);
    const projector = new ProjectorRunner(store, warehouse, { db: replayDb, batchSize: 64 });
    await projector.recover();
    projector.start();
    const head = await store.headPosition();
    await projector.waitFor(head, 60_000);
    await projector.stop();
    expect((await projector.quarantine()).map((q) => q.position)).toEqual(bad);
    expect(projector.status().lastError).toBeUndefined();
  });
});
