import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoEvents } from '@trm/demo-data';
import { loadConfig } from '@trm/config';
import { WorkerBatchSource } from '@trm/runtime/worker-batch-source';
import { runToExit, startServerProcess } from '@trm/testing/service/server-process';
import { writeTestKeys } from '@trm/testing/service/service-harness';
import { fmt, heading, mb, until } from './util';

/**
 * HTTP NDJSON ingest of N events (synthetic histories with random v4-shaped event ids, what
 * submitters send) into a separate server process; acknowledged-durable events/s, the lag from
 * the last acknowledgement to warehouse visibility, peak RSS, the JSON.parse floor; then the
 * projector alone, rebuilding the warehouse from the store; then `replay`; with `--transform-ab`,
 * the projector worker's transform under V8's defaults against its options.
 */
export async function ingestBench(events: number, concurrency: number, chunkEvents: number, transformAb = false, ingestOnly = false): Promise<void> {
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
  const pid = server.child.pid!;
  const cpu0 = threadTimes(pid);
  const s0 = Date.now();
  const cpuStart = cpuSeconds(server.child.pid!);
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
  const cpu1 = threadTimes(pid);
  const head = (await (await fetch(`${server.url}/health`, { headers: { authorization: headers.authorization } })).json()).components.eventStore.head as number;
  let visibleAt = 0;
  await until(async () => {
    const h = await (await fetch(`${server.url}/health`, { headers: { authorization: headers.authorization } })).json();
    if (h.components.projector.checkpoint >= head) { visibleAt = Date.now(); return true; }
    return false;
  }, 600_000);
  const rss = server.peakRss();
  const cpuVisible = cpuSeconds(server.child.pid!) - cpuStart;
  // The snapshot build that follows a load (after a quiet second) is part of the memory budget.
  let built = false;
  await until(async () => {
    const h = await (await fetch(`${server.url}/health`, { headers: { authorization: headers.authorization } })).json();
    if (h.components.projector.snapshotting) built = true;
    return built && !h.components.projector.snapshotting;
  }, 300_000, 100);
  const rssSnapshot = server.peakRss();
  const ingestRate = accepted / ingestSeconds;
  // Burst: acknowledged while projection may lag. Sustained: until everything is visible, i.e. the
  // rate at which ingest and projection together keep up.
  const sustained = accepted / ((visibleAt - s0) / 1000);
  console.log(`acknowledged durable (burst, projection may lag): ${fmt(accepted)} accepted, ${fmt(rejected)} rejected in ${fmt(ingestSeconds, 1)} s → ${fmt(ingestRate)} events/s`);
  console.log(`sustained (acknowledged and visible in the warehouse): ${fmt(accepted)} events in ${fmt((visibleAt - s0) / 1000, 1)} s → ${fmt(sustained)} events/s`);
  console.log(`JSON.parse floor on the same bytes: ${fmt(floor)} events/s (burst = ${fmt(ingestRate / floor, 3)} × the floor, sustained = ${fmt(sustained / floor, 3)} ×)`);
  console.log(`warehouse visibility after the last acknowledgement: ${fmt((visibleAt - lastAck) / 1000, 2)} s`);
  console.log(`server peak RSS (VmHWM) during ingest + projection: ${mb(rss)}; ${built ? 'after the snapshot build that follows' : 'no snapshot build seen in 5 minutes, then'}: ${mb(rssSnapshot)}`);
  console.log(`server CPU (all threads, until visible): ${fmt((cpuVisible * 1e6) / accepted, 1)} µs/event`);
  printThreadCpu(cpu0, cpu1, pid, total);
  await server.stop();
  if (ingestOnly) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }

  // The projector alone: drop the warehouse and rebuild it from the event store.
  rmSync(join(dir, 'warehouse'), { recursive: true, force: true });
  server = await startServerProcess(env, port);
  const r0 = Date.now();
  await until(async () => (await (await fetch(`${server.url}/health`, { headers: { authorization: headers.authorization } })).json()).components.projector.checkpoint >= head, 600_000, 50);
  const rebuildSeconds = (Date.now() - r0) / 1000;
  console.log(`projector rebuild from the event store: ${fmt(head)} events in ${fmt(rebuildSeconds, 1)} s → ${fmt(head / rebuildSeconds)} events/s (peak RSS ${mb(server.peakRss())})`);
  await server.stop();

  // replay (the CLI, server stopped: chDB allows one process): rebuild beside the live warehouse and compare every indicator.
  const replay = await runToExit('apps/cli/src/main.ts', ['replay'], env, 1_800_000);
  try {
    const r = JSON.parse(replay.stdout.slice(replay.stdout.indexOf('{'))) as { ok: boolean; replayed: number; durationMs: { rebuild: number; compare: number } };
    console.log(`replay (npm run cli -- replay): ${fmt(r.replayed)} events in ${fmt(replay.ms / 1000, 1)} s (rebuild ${fmt(r.durationMs.rebuild / 1000, 1)} s + comparison ${fmt(r.durationMs.compare / 1000, 1)} s), ${r.ok ? 'no difference' : 'DIFFERENCES'}`);
  } catch {
    console.log(`replay failed (exit ${replay.code}): ${replay.stderr.slice(0, 300)}`);
  }

  if (transformAb) await workerTransformBench(env, head);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The projector worker's read-and-transform alone (no warehouse insert), 50k-event batches through
 * WorkerBatchSource: V8's default young generation with whole batches against the worker's options.
 */
async function workerTransformBench(env: Record<string, string>, head: number): Promise<void> {
  const config = loadConfig({ ...process.env, TRM_DEMO: '0', ...env });
  const keepAlive = setInterval(() => undefined, 1000); // the worker is unref'd: keep this process up while it works
  for (const [label, options] of [
    ['V8 default young generation, 50k at a time', { youngGenerationMb: 0, chunkEvents: 50_000 }],
    ['V8 default young generation, 10k at a time', { youngGenerationMb: 0, chunkEvents: 10_000 }],
    ['64 MB young generation, 10k at a time', { youngGenerationMb: 64, chunkEvents: 10_000 }],
    ['128 MB young generation, 10k at a time', { youngGenerationMb: 128, chunkEvents: 10_000 }],
    ['V8 default young generation, 50k at a time (again)', { youngGenerationMb: 0, chunkEvents: 50_000 }],
  ] as const) {
    const source = new WorkerBatchSource(config, options);
    const t0 = process.hrtime.bigint();
    let after = 0;
    for (;;) {
      const batch = await source.next(after, 50_000);
      if (!batch) break;
      after = batch.lastPosition;
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await source.close();
    console.log(`projector worker transform, ${label}: ${fmt(head)} events in ${fmt(seconds, 1)} s → ${fmt(head / seconds)} events/s`);
  }
  clearInterval(keepAlive);
}

/** CPU ticks (utime + stime) and name of every thread of a process, from /proc (Linux). */
function threadTimes(pid: number): Map<number, { name: string; ticks: number; nice: number }> {
  const times = new Map<number, { name: string; ticks: number; nice: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' '); // fields from the 3rd (state) on
      times.set(Number(tid), { name: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]), nice: Number(fields[16]) });
    } catch { /* the thread ended */ }
  }
  return times;
}

/**
 * CPU µs per submitted event over the acknowledged ingest (first request to last answer): the main
 * thread (HTTP, decide-and-append, the projector's inserts), each busy other thread (the ingest
 * preparation and projector workers, chDB, V8's GC helpers), the whole process. /proc counts in
 * clock ticks (10 ms here); threads that ended meanwhile are not counted. A thread is named with
 * its nice value: the projector's worker runs at TRM_PROJECTOR_NICE (10), the others as the server.
 */
function printThreadCpu(before: Map<number, { ticks: number }>, after: Map<number, { name: string; ticks: number; nice: number }>, pid: number, events: number): void {
  const tick = 1e6 / 100;
  const perEvent = (ticks: number) => fmt((ticks * tick) / events, 1);
  const deltas = [...after].map(([tid, t]) => ({ tid, name: t.name, nice: t.nice, ticks: t.ticks - (before.get(tid)?.ticks ?? 0) }));
  const total = deltas.reduce((s, d) => s + d.ticks, 0);
  const main = deltas.find((d) => d.tid === pid)?.ticks ?? 0;
  const others = deltas.filter((d) => d.tid !== pid && d.ticks > 0).sort((a, b) => b.ticks - a.ticks);
  console.log(`server CPU during the acknowledged ingest: main thread ${perEvent(main)} µs/event, whole process ${perEvent(total)} µs/event (threads alive at the end)`);
  console.log(`  busiest other threads (µs/event): ${others.slice(0, 6).map((d) => `${d.name}#${d.tid} (nice ${d.nice}) ${perEvent(d.ticks)}`).join(', ')}`);
}

/** utime + stime of a process (every thread), in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

function hashOf(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}
