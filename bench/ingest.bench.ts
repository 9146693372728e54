import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoEvents } from '@trm/demo-data';
import { startServerProcess } from '@trm/testing/service/server-process';
import { writeTestKeys } from '@trm/testing/service/service-harness';
import { fmt, heading, mb, until } from './util';

/**
 * HTTP NDJSON ingest of N events (synthetic histories with random v4-shaped event ids, what
 * submitters send) into a separate server process; acknowledged-durable events/s, the lag from
 * the last acknowledgement to warehouse visibility, peak RSS, the JSON.parse floor; then the
 * projector alone, rebuilding the warehouse from the store.
 */
export async function ingestBench(events: number, concurrency: number, chunkEvents: number): Promise<void> {
  heading(`HTTP ingest: ${fmt(events)} events, ${fmt(chunkEvents)} per request, ${concurrency} concurrent requests`);
  const cases = Math.ceil(events / 13);
  const t0 = Date.now();
  // One stream of requests per concurrent submitter, each holding whole cases in order (a case's
  // later events must not overtake its case.opened in another, concurrent request).
  const streams: Buffer[][] = Array.from({ length: concurrency }, () => []);
  const pending: string[][] = Array.from({ length: concurrency }, () => []);
  let total = 0;
  for (const e of generateDemoEvents({ seed: 7, cases, end: new Date(Date.now() - 86_400_000) })) {
    const s = hashOf(`${e.country}:${e.caseRef}`) % concurrency;
    pending[s].push(JSON.stringify(e));
    if (pending[s].length === chunkEvents) {
      streams[s].push(Buffer.from(pending[s].join('\n') + '\n'));
      pending[s] = [];
    }
    if (++total >= events) break;
  }
  pending.forEach((p, s) => p.length && streams[s].push(Buffer.from(p.join('\n') + '\n')));
  const bodies = streams.flat();
  const bytes = bodies.reduce((s, b) => s + b.length, 0);
  console.log(`generated ${fmt(total)} events (${mb(bytes)}) in ${fmt((Date.now() - t0) / 1000, 1)} s`);

  // The floor: JSON.parse alone on the same bytes.
  const p0 = process.hrtime.bigint();
  let parsed = 0;
  for (const b of bodies) for (const line of b.toString('utf8').split('\n')) if (line) { JSON.parse(line); parsed += 1; }
  const parseSeconds = Number(process.hrtime.bigint() - p0) / 1e9;
  const floor = parsed / parseSeconds;

  const dir = mkdtempSync(join(tmpdir(), 'trm-bench-'));
  const env = { TRM_DATA_DIR: dir, TRM_KEYS_FILE: writeTestKeys(dir) };
  const port = 31000 + Math.floor(Math.random() * 10000);
  let server = await startServerProcess(env, port);
  const headers = { authorization: 'Bearer secret-submitter', 'content-type': 'application/x-ndjson' };
  let accepted = 0;
  let rejected = 0;
  let lastAck = 0;
  const s0 = Date.now();
  await Promise.all(streams.map(async (stream) => {
    for (const body of stream) {
      const res = await fetch(`${server.url}/v1/events`, { method: 'POST', headers, body });
      const answer = await res.json();
      if (!res.ok) throw new Error(`ingest failed: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
      accepted += answer.accepted;
      rejected += answer.rejected.length;
      lastAck = Date.now();
    }
  }));
  const ingestSeconds = (lastAck - s0) / 1000;
  const head = (await (await fetch(`${server.url}/health`, { headers: { authorization: headers.authorization } })).json()).components.eventStore.head as number;
  let visibleAt = 0;
  await until(async () => {
    const h = await (await fetch(`${server.url}/health`, { headers: { authorization: headers.authorization } })).json();
    if (h.components.projector.checkpoint >= head) { visibleAt = Date.now(); return true; }
    return false;
  }, 600_000);
  const rss = server.peakRss();
  const ingestRate = accepted / ingestSeconds;
  console.log(`acknowledged durable: ${fmt(accepted)} accepted, ${fmt(rejected)} rejected in ${fmt(ingestSeconds, 1)} s → ${fmt(ingestRate)} events/s`);
  console.log(`JSON.parse floor on the same bytes: ${fmt(floor)} events/s (ingest = ${fmt(ingestRate / floor, 2)} × the floor)`);
  console.log(`warehouse visibility after the last acknowledgement: ${fmt((visibleAt - lastAck) / 1000, 2)} s`);
  console.log(`server peak RSS during ingest + projection: ${mb(rss)}`);
  await server.stop();

  // The projector alone: drop the warehouse and rebuild it from the event store.
  rmSync(join(dir, 'warehouse'), { recursive: true, force: true });
  server = await startServerProcess(env, port);
  const r0 = Date.now();
  await until(async () => (await (await fetch(`${server.url}/health`, { headers: { authorization: headers.authorization } })).json()).components.projector.checkpoint >= head, 600_000, 50);
  const rebuildSeconds = (Date.now() - r0) / 1000;
  console.log(`projector rebuild from the event store: ${fmt(head)} events in ${fmt(rebuildSeconds, 1)} s → ${fmt(head / rebuildSeconds)} events/s (peak RSS ${mb(server.peakRss())})`);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

function hashOf(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}
