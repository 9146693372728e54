import { createHash, hash } from 'node:crypto';
import { generateDemoEvents } from '@trm/demo-data';
import { canonicalJson, toStoredEvent, validateSubmittedEvent } from '@trm/domain';
import { chainHash, globalChainHash, GENESIS_HASH } from '@trm/event-store';
import { eventKey, streamKey } from '@trm/event-store/adapters/sqlite/keys';
import { fmt, heading } from './util';

/** Per-event CPU of the ingest thread's hashing steps, on N demo-generator events as ingest stores them. */
export async function hashingBench(events: number): Promise<void> {
  heading(`Ingest hashing steps: ${fmt(events)} demo events, µs per event (best of 3)`);
  const receivedAt = new Date();
  const stored: Record<string, unknown>[] = [];
  for (const e of generateDemoEvents({ seed: 11, cases: Math.ceil(events / 13), end: new Date(Date.now() - 86_400_000) })) {
    const v = validateSubmittedEvent(JSON.parse(JSON.stringify(e)), receivedAt);
    if (v.ok) stored.push(toStoredEvent(v.event, `case-${(e as { caseRef: string }).caseRef}`) as unknown as Record<string, unknown>);
    if (stored.length >= events) break;
  }
  const jsons = stored.map((s) => canonicalJson(s));
  const ids = stored.map((s) => s.eventId as string);
  const streams = stored.map((s) => `case-${s.caseId as string}`);
  const meta = { recordedAt: receivedAt.toISOString(), submissionId: 'sub', keyId: 'key', channel: 'http' as const };
  const time = (label: string, fn: (i: number) => unknown) => {
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < stored.length; i++) fn(i);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3 / stored.length);
    }
    console.log(`${label.padEnd(50)} ${fmt(best, 2)} µs`);
  };
  time('JSON.stringify (no sorting, the floor)', (i) => JSON.stringify(stored[i]));
  time('canonical JSON (string builder)', (i) => canonicalJson(stored[i]));
  time('sha-256 of the canonical JSON, hex', (i) => hash('sha256', jsons[i], 'hex'));
  const genesisBytes = Buffer.from(GENESIS_HASH, 'hex');
  // Before and after, side by side (the machine is shared: only the pairs compare).
  time('chain + global hash: hex, 4 hex→Buffer (before)', (i) => {
    const h = chainHash(GENESIS_HASH, { streamId: streams[i], revision: i, eventId: ids[i], type: 'x', contentHash: GENESIS_HASH, metadata: meta });
    const g = globalChainHash(GENESIS_HASH, i, h);
    return [Buffer.from(GENESIS_HASH, 'hex'), Buffer.from(GENESIS_HASH, 'hex'), Buffer.from(h, 'hex'), Buffer.from(g, 'hex')];
  });
  time('chain + global hash: hex, 3 hex→Buffer (after)', (i) => {
    const h = chainHash(GENESIS_HASH, { streamId: streams[i], revision: i, eventId: ids[i], type: 'x', contentHash: GENESIS_HASH, metadata: meta });
    const g = globalChainHash(GENESIS_HASH, i, h);
    return [Buffer.from(GENESIS_HASH, 'hex'), genesisBytes, Buffer.from(h, 'hex'), Buffer.from(g, 'hex')];
  });
  const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f])/;
  time('event key: regex + concatenation, ×2 (before)', (i) => {
    for (let n = 0; n < 2; n++) { const m = UUID.exec(ids[i])!; parseInt(m[1] + m[2] + m[3], 16); }
  });
  time('event key: char codes, ×1 (after)', (i) => eventKey(ids[i]));
  time('stream key: sha1 hex, slice, parseInt (before)', (i) => parseInt(createHash('sha1').update(streams[i]).digest('hex').slice(0, 13), 16));
  time('stream key: one-shot sha1 hex (after)', (i) => streamKey(streams[i]));
}
