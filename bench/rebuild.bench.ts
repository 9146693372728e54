import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@trm/config';
import { generateDemoEvents } from '@trm/demo-data';
import type { SubmittedEvent } from '@trm/domain';
import { getCatalogue } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { IngestPipeline } from '@trm/ingest';
import { ProjectorRunner, READ_MODEL_TABLES, TABLE_COLUMNS, TABLE_SCHEMAS } from '@trm/projections';
import type { ProjectedBatch } from '@trm/projections';
import { pseudonymSecret } from '@trm/runtime/secrets';
import { WorkerBatchSource } from '@trm/runtime/worker-batch-source';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';
import { fmt, heading, mb } from './util';

/**
 * The projector alone, in this process, on one store built once (`--rebuild-data DIR` keeps it, so
 * runs before and after a change read the same events): the worker's read-and-transform without
 * inserts, the warehouse inserts of those payloads alone, then a whole rebuild (worker + inserts)
 * into a fresh chDB directory. CPU is process.cpuUsage (every thread: main, worker, V8 helpers,
 * chDB's) and per thread from /proc/self/task; wall time is printed beside it.
 */
export async function rebuildBench(events: number, dataDir: string): Promise<void> {
  const dir = dataDir || join('/tmp', `trm-bench-rebuild-${events}`);
  heading(`projector rebuild: ${fmt(events)} demo events, store in ${dir}`);
  await ensureStore(dir, events);
  const config = loadConfig({ ...process.env, TRM_DEMO: '0', TRM_DATA_DIR: dir });
  const keepAlive = setInterval(() => undefined, 1000); // the worker is unref'd

  // 1. The worker's transform alone: every batch read and turned into payloads, none inserted.
  const payloads: ProjectedBatch[] = [];
  let before = tids();
  let source = new WorkerBatchSource(config);
  let t = meter();
  for (let after = 0; ;) {
    const batch = await source.next(after, 50_000);
    if (!batch) break;
    if (after === 0) newThreads(before, workerTids);
    payloads.push(batch);
    after = batch.lastPosition;
  }
  const transform = t();
  await source.close();
  const head = payloads.at(-1)?.lastPosition ?? 0;
  const bytes = payloads.reduce((n, b) => n + READ_MODEL_TABLES.reduce((m, table) => m + b.tables[table].byteLength, 0), 0);
  print('worker transform (no inserts)', head, transform);
  console.log(`  payload: ${mb(bytes)} (${fmt(bytes / head)} bytes/event), ${fmt(payloads.reduce((n, b) => n + b.viewRows, 0) / head, 2)} signed view rows/event`);

  // 2. The inserts alone, of those payloads, as the runner makes them (ten tables at once).
  const wdir = join(dir, `warehouse-${randomUUID().slice(0, 8)}`);
  let warehouse = new ChdbWarehouse(wdir);
  await migrate(warehouse, 'trm');
  await loadCatalogue(warehouse, 'trm', getCatalogue()!);
  t = meter();
  for (const batch of payloads) await insertBatch(warehouse, batch);
  print('warehouse inserts alone', head, t());
  payloads.length = 0;
  await warehouse.close();
  rmSync(wdir, { recursive: true, force: true });

  // 3. A whole rebuild, as the server runs it (worker thread one batch ahead), without snapshots.
  warehouse = new ChdbWarehouse(wdir);
  await migrate(warehouse, 'trm');
  await loadCatalogue(warehouse, 'trm', getCatalogue()!);
  before = tids();
  source = new WorkerBatchSource(config);
  await source.next(0, 1); // started: its thread is the one that appeared
  newThreads(before, workerTids);
  const projector = new ProjectorRunner(new SqliteEventStore({ path: join(dir, 'events.sqlite') }), warehouse, {
    db: 'trm', source, recordKeySecret: pseudonymSecret(dir),
  });
  await projector.recover();
  t = meter();
  await projector.catchUp();
  print('rebuild (worker + inserts)', head, t());
  await projector.close();
  await warehouse.close();
  rmSync(wdir, { recursive: true, force: true });
  clearInterval(keepAlive);
}

/** As ProjectorRunner.step inserts a batch's tables. */
async function insertBatch(warehouse: ChdbWarehouse, batch: ProjectedBatch): Promise<void> {
  await Promise.all(READ_MODEL_TABLES.map((table) => (batch.format === 'RowBinary'
    ? warehouse.insertRowBinary(`trm.${table}`, batch.tables[table], TABLE_COLUMNS[table], TABLE_SCHEMAS[table].types)
    : warehouse.insertNdjson(`trm.${table}`, batch.tables[table], TABLE_COLUMNS[table]))));
}

/** The store of `events` demo events, ingested in-process (10k a submission), unless `dir` holds it. */
async function ensureStore(dir: string, events: number): Promise<void> {
  if (existsSync(join(dir, 'events.sqlite'))) return;
  mkdirSync(dir, { recursive: true });
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  const pipeline = new IngestPipeline(store, { pseudonymSecret: pseudonymSecret(dir) });
  const key = { id: 'bench', role: 'submitter' as const, countries: ['*'] };
  const t0 = Date.now();
  let batch: SubmittedEvent[] = [];
  let n = 0;
  const flush = async () => {
    const now = new Date();
    await pipeline.submit(batch, { key, channel: 'http', submissionId: randomUUID(), receivedAt: now });
    batch = [];
  };
  for (const e of generateDemoEvents({ seed: 7, cases: Math.ceil(events / 13), end: new Date(Date.now() - 86_400_000) })) {
    batch.push(e);
    if (batch.length === 10_000) await flush();
    if (++n >= events) break;
  }
  if (batch.length) await flush();
  console.log(`store built: ${fmt(await store.headPosition())} events in ${fmt((Date.now() - t0) / 1000, 1)} s`);
  await store.close();
}

/** The threads of this process at start: the main thread and V8's platform workers (GC helpers). */
const initialTids = tids();
/** The projector worker threads started. */
const workerTids = new Set<string>();

function tids(): Set<string> {
  return new Set(readdirSync('/proc/self/task'));
}

function newThreads(before: Set<string>, into: Set<string>): void {
  for (const tid of tids()) if (!before.has(tid)) into.add(tid);
}

interface Measured {
  wall: number;
  cpu: number;
  threads: Map<string, number>;
}

/** Starts measuring; the function returned gives wall s, CPU s of the process, and CPU s per thread group. */
function meter(): () => Measured {
  const w0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const t0 = threadTicks();
  return () => {
    const c = process.cpuUsage(c0);
    const t1 = threadTicks();
    const threads = new Map<string, number>();
    for (const [id, { group, ticks }] of t1) {
      const before = t0.get(id)?.ticks ?? 0;
      threads.set(group, (threads.get(group) ?? 0) + (ticks - before) / 100);
    }
    return { wall: Number(process.hrtime.bigint() - w0) / 1e9, cpu: (c.user + c.system) / 1e6, threads };
  };
}

/** utime + stime (clock ticks) of each thread of this process, grouped: main, a worker, V8's helpers, chDB's. */
function threadTicks(): Map<string, { group: string; ticks: number }> {
  const out = new Map<string, { group: string; ticks: number }>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      out.set(`${tid}:${comm}`, { group: groupOf(tid, comm), ticks });
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** Node names all its threads `node`: they are told apart by when they appeared. */
function groupOf(tid: string, comm: string): string {
  if (Number(tid) === process.pid) return 'main';
  if (workerTids.has(tid)) return 'worker';
  if (initialTids.has(tid)) return 'V8 helpers + libuv pool';
  if (comm === 'node') return 'other node threads';
  return 'chDB threads';
}

function print(label: string, events: number, m: Measured): void {
  const split = [...m.threads].sort((a, b) => b[1] - a[1]).filter(([, s]) => s >= 0.05)
    .map(([g, s]) => `${g} ${fmt((s / events) * 1e6, 1)}`).join(', ');
  console.log(`${label}: ${fmt(events)} events in ${fmt(m.wall, 1)} s wall → ${fmt(events / m.wall)} events/s; ` +
    `CPU ${fmt(m.cpu, 1)} s = ${fmt((m.cpu / events) * 1e6, 1)} µs/event (${split} µs/event)`);
}
