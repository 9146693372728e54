import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from '@trm/domain';
import { SqliteEventStore, type StreamAppend } from '@trm/event-store';
import { fmt, heading } from './util';

/**
 * The SQLite lookup-and-append alone, in this thread (its wall time is the ingest thread's time): N events
 * of ~600 bytes with random v4 event ids, 10k per append over 13-event streams, with SQLite's
 * automatic checkpoint in the commit against PASSIVE checkpoints on a thread of their own.
 */
export async function storeBench(events: number): Promise<void> {
  heading(`SQLite lookup + append: ${fmt(events)} events, 10,000 per append, synchronous=FULL`);
  const batches: StreamAppend[][] = [];
  const meta = { recordedAt: new Date().toISOString(), submissionId: randomUUID(), keyId: 'bench', channel: 'http' as const };
  for (let n = 0; n < events;) {
    const batch: StreamAppend[] = [];
    for (let size = 0; size < 10_000 && n < events; n += 13, size += 13) {
      const streamId = `case-${randomUUID()}`;
      batch.push({
        streamId, expected: 'no_stream',
        events: Array.from({ length: 13 }, () => {
          const eventId = randomUUID();
          const data = { eventId, type: 'measure.recorded', caseId: streamId, country: 'BG', measure: 'SOP1.M2', status: 'offered', occurredAt: meta.recordedAt, pad: 'x'.repeat(400) };
          return { eventId, type: 'measure.recorded', data, metadata: meta, contentHash: contentHash(data as never) };
        }),
      });
    }
    batches.push(batch);
  }
  for (const mode of ['sqlite', 'background'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'trm-bench-store-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), walCheckpoints: mode });
    const t0 = process.hrtime.bigint();
    for (const b of batches) {
      // As the ingest pipeline does: look the ids up, then append them.
      await store.findByEventIds(b.flatMap((a) => a.events.map((e) => e.eventId)));
      await store.append(b);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(`checkpoints ${mode === 'sqlite' ? 'in the commit (SQLite automatic)' : 'PASSIVE on their own thread'}: ${fmt(events / seconds)} events/s`);
  }
}
