import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from '@trm/domain';
import { SqliteEventStore, type StreamAppend } from '@trm/event-store';
async function main() {
  const events = Number(process.argv[2]); const caches = process.argv.slice(3).map(Number);
  for (const cacheMiB of caches) {
    const dir = mkdtempSync(join(tmpdir(), 'trm-sq-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), cacheMiB });
    const meta = { recordedAt: new Date().toISOString(), submissionId: randomUUID(), keyId: 'bench', channel: 'http' as const };
    const revs = new Map<string, number>(); const opened: string[][] = [];
    let n = 0, slice = 0; let c0 = process.cpuUsage(); let out = `cache ${cacheMiB} MiB: CPU µs/event per 250k:`;
    let rnd = 12345; const rand = () => ((rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let b = 0; n < events; b++) {
      opened[b] = Array.from({ length: 770 }, () => `case-${randomUUID()}`);
      const byStream = new Map<string, StreamAppend>();
      for (let w = Math.max(0, b - 39); w <= b; w++) for (const s of opened[w]) {
        const r = revs.get(s) ?? -1;
        if (w === b ? r >= 0 : (r < 0 || r >= 12 || rand() > 13 / 40)) continue;
        const eventId = randomUUID();
        const data = { eventId, type: 'measure.recorded', caseId: s, country: 'BG', measure: 'SOP1.M2', status: 'offered', occurredAt: meta.recordedAt, pad: 'x'.repeat(300) };
        byStream.set(s, { streamId: s, expected: r === -1 ? 'no_stream' : r, events: [{ eventId, type: 'measure.recorded', data, metadata: meta, contentHash: contentHash(data as never) }] });
        revs.set(s, r + 1);
      }
      const batch = [...byStream.values()];
      await store.findByEventIds(batch.flatMap((a) => a.events.map((e) => e.eventId)));
      await store.append(batch);
      await new Promise((r) => setImmediate(r)); // the event loop turns between requests, as in the server
      n += batch.length;
      if (n - slice >= 250_000) { const c = process.cpuUsage(c0); out += ` ${((c.user + c.system) / (n - slice)).toFixed(1)}`; slice = n; c0 = process.cpuUsage(); }
    }
    await store.close(); rmSync(dir, { recursive: true, force: true });
    console.log(out);
  }
}
void main();
