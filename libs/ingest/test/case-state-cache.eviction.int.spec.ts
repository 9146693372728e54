import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoTimeline } from '@trm/demo-data';
import type { SubmittedEvent } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { IngestPipeline } from '@trm/ingest';
import type { SubmissionResult } from '@trm/ingest';

/**
 * The case-state cache is only an optimisation: a pipeline that holds 3 case states (so almost
 * every case is folded again from its stream) decides every event exactly as one that holds them
 * all — the same outcomes (accepted, duplicates, each rejection's code) and the same stored events.
 * The submissions include resends (duplicates) and a second case.opened of a case opened weeks
 * earlier (rejected only if the case's state is right).
 */
describe('CaseStateCache: eviction keeps every decision', () => {
  let dir: string;
  const stores: SqliteEventStore[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trm-case-cache-'));
  });

  afterAll(async () => {
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function load(name: string, caseCacheCapacity: number | undefined, submissions: SubmittedEvent[][], ids: string[], times: number[]) {
    const store = new SqliteEventStore({ path: join(dir, `${name}.sqlite`) });
    stores.push(store);
    const pipeline = new IngestPipeline(store, { pseudonymSecret: 'cache-test', caseCacheCapacity });
    const key = { id: 'test', role: 'submitter' as const, countries: ['*'] };
    const results: SubmissionResult[] = [];
    for (let i = 0; i < submissions.length; i++) {
      const at = new Date(times[i]);
      const { result } = await pipeline.submit(submissions[i], { key, channel: 'http', submissionId: ids[i], receivedAt: at, recordedAt: at });
      results.push(result);
    }
    return { store, results };
  }

  it('a 3-case cache and an unbounded one accept, reject and store the same', async () => {
    const submissions: SubmittedEvent[][] = [];
    const times: number[] = [];
    const opened: SubmittedEvent[] = [];
    let batch: SubmittedEvent[] = [];
    let batchStart = 0;
    let at = 0;
    const flush = () => {
      if (!batch.length) return;
      // A case opened in an earlier week, opened again under a new id: case_exists.
      const again = opened[(submissions.length * 7) % Math.max(1, opened.length - batch.length)];
      if (again && submissions.length % 2 === 1) batch.push({ ...again, eventId: randomUUID() } as SubmittedEvent);
      // Every third week, the previous week's submission is sent again: duplicates.
      if (submissions.length % 3 === 2) {
        submissions.push(submissions[submissions.length - 1]);
        times.push(at);
      }
      submissions.push(batch);
      times.push(at);
      batch = [];
    };
    for (const { event, reportedAt } of generateDemoTimeline({ seed: 11, cases: 150, end: new Date('2026-06-01T00:00:00Z') })) {
      if (reportedAt.getTime() - batchStart > 7 * 86_400_000) {
        flush();
        batchStart = reportedAt.getTime();
      }
      at = reportedAt.getTime();
      batch.push(event);
      if (event.type === 'case.opened') opened.push(event);
    }
    flush();
    const ids = submissions.map(() => randomUUID());

    const small = await load('small', 3, submissions, ids, times);
    const full = await load('full', 1_000_000, submissions, ids, times);

    const summary = (r: SubmissionResult) => ({
      accepted: r.accepted, duplicates: r.duplicates,
      rejected: r.rejected.map((x) => ({ index: x.index, codes: x.errors.map((e) => e.code) })),
    });
    expect(small.results.map(summary)).toEqual(full.results.map(summary));
    // The comparison means something: some of each outcome.
    expect(full.results.reduce((n, r) => n + r.duplicates, 0)).toBeGreaterThan(0);
    expect(full.results.flatMap((r) => r.rejected.flatMap((x) => x.errors.map((e) => e.code)))).toContain('case_exists');

    const head = await full.store.headPosition();
    expect(head).toBeGreaterThan(1000);
    expect(await small.store.headPosition()).toBe(head);
    const a = await small.store.readAll(0, head + 1);
    const b = await full.store.readAll(0, head + 1);
    expect(a.map((e) => [e.position, e.streamId, e.revision, e.eventId, e.hash])).toEqual(b.map((e) => [e.position, e.streamId, e.revision, e.eventId, e.hash]));
  });
});
