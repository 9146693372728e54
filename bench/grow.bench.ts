import { closeSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoNdjsonChunks } from '@trm/demo-data';
import { startServerProcess, type ServerProcess } from '@trm/testing/service/server-process';
import { writeTestKeys } from '@trm/testing/service/service-harness';
import { fmt, heading, mb, until } from './util';

const CLK_TCK = 100; // USER_HZ: /proc's CPU times are in 1/100 s on Linux

/**
 * Flat with size (issue 18): demo-generator events (cases spread over time, as national systems
 * submit them) loaded over HTTP by one client, `chunk` events a request, into a server process;
 * per `slice` events the acknowledged rate (wall), the server's CPU per event (all its threads,
 * from /proc) and its memory. The events are generated to a file first, so the client costs
 * nothing while the server works. With TRM_MEMORY_LOG_MS set for the server (the bench sets it),
 * each slice also prints the server's own figures: V8 heaps of both threads, chDB's accounting.
 */
export async function growBench(events: number, slice: number, chunk: number): Promise<void> {
  heading(`Flat with size: ${fmt(events)} demo events over HTTP, one client, ${fmt(chunk)} per request, figures per ${fmt(slice)}`);
  const dir = mkdtempSync(join(tmpdir(), 'trm-grow-'));
  const file = join(dir, 'events.ndjson');
  const t0 = Date.now();
  const offsets: [number, number, number][] = []; // [offset, length, events]
  const fd = openSync(file, 'w');
  let generated = 0;
  let at = 0;
  for (const body of demoNdjsonChunks({ seed: 7, cases: Math.ceil(events / 13), end: new Date(Date.now() - 86_400_000) }, chunk)) {
    let n = 0;
    let len = 0;
    for (let i = 0; i < body.length && generated + n < events; i++) if (body[i] === 10) { n++; len = i + 1; }
    writeSync(fd, body, 0, len);
    offsets.push([at, len, n]);
    at += len;
    generated += n;
    if (generated >= events) break;
  }
  closeSync(fd);
  console.log(`generated ${fmt(generated)} events (${mb(at)}) in ${fmt((Date.now() - t0) / 1000, 1)} s`);

  const data = join(dir, 'data');
  const env = { TRM_DATA_DIR: data, TRM_KEYS_FILE: writeTestKeys(dir), TRM_MEMORY_LOG_MS: process.env.TRM_MEMORY_LOG_MS ?? '5000' };
  const port = 31000 + Math.floor(Math.random() * 10000);
  const server = await startServerProcess(env, port);
  const pid = server.child.pid!;
  const headers = { authorization: 'Bearer secret-submitter', 'content-type': 'application/x-ndjson' };
  const read = openSync(file, 'r');
  let accepted = 0;
  let sliceStart = Date.now();
  let sliceCpu = cpuSeconds(pid);
  let sliceAccepted = 0;
  let firstRate = 0;
  console.log('stored events  | acknowledged/s (wall) | % of first | server CPU µs/event | projector lag | VmRSS | VmHWM | anon | file | main heap used / total + external | worker heap (same) | chDB tracked / resident');
  for (const [offset, length] of offsets) {
    const body = Buffer.allocUnsafe(length);
    readSync(read, body, 0, length, offset);
    const res = await fetch(`${server.url}/v1/events`, { method: 'POST', headers, body });
    const answer = await res.json();
    if (!res.ok) throw new Error(`ingest failed: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    accepted += answer.accepted;
    if (accepted - sliceAccepted >= slice || accepted >= generated) {
      const now = Date.now();
      const cpu = cpuSeconds(pid);
      const n = accepted - sliceAccepted;
      const rate = n / ((now - sliceStart) / 1000);
      firstRate ||= rate;
      const checkpoint = await projectorCheckpoint(server);
      const head = accepted; // one client, an empty store at the start: positions are the accepted count (+ nothing else)
      const mem = memory(pid);
      const own = serverFigures(server);
      console.log([
        fmt(accepted).padStart(14), fmt(rate).padStart(21), `${fmt((100 * rate) / firstRate)} %`.padStart(10),
        fmt(((cpu - sliceCpu) * 1e6) / n, 1).padStart(19), fmt(Math.max(0, head - checkpoint)).padStart(13),
        mb(mem.rss), mb(mem.hwm), mb(mem.anon), mb(mem.file), own.main, own.worker, own.chdb,
      ].join(' | '));
      sliceStart = now;
      sliceCpu = cpu;
      sliceAccepted = accepted;
    }
  }
  closeSync(read);
  const lastAck = Date.now();
  await until(async () => (await projectorCheckpoint(server)) >= accepted, 1_800_000, 200);
  const caughtUp = memory(pid);
  // The snapshot build that follows a load (after a quiet second), part of the budget.
  let built = false;
  await until(async () => {
    const h = await (await fetch(`${server.url}/health`, { headers: { authorization: 'Bearer secret-submitter' } })).json();
    if (h.components.projector.snapshotting) built = true;
    return built && !h.components.projector.snapshotting;
  }, 300_000, 100);
  const mem = memory(pid);
  console.log(`VmHWM when caught up ${mb(caughtUp.hwm)}; ${built ? 'after the snapshot build' : 'no snapshot build seen in 5 minutes'}: VmHWM ${mb(mem.hwm)}`);
  console.log(`projection caught up ${fmt((Date.now() - lastAck) / 1000, 1)} s after the last acknowledgement; server VmHWM ${mb(mem.hwm)} (VmRSS now ${mb(mem.rss)}, anon ${mb(mem.anon)}, file ${mb(mem.file)}); ${serverFigures(server).all}`);
  console.log(`per-thread server CPU (s): ${threadCpu(pid)}`);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

async function projectorCheckpoint(server: ServerProcess): Promise<number> {
  const h = await (await fetch(`${server.url}/health`, { headers: { authorization: 'Bearer secret-submitter' } })).json();
  return h.components.projector.checkpoint as number;
}

/** utime + stime of the whole process (every thread), in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}

/** CPU seconds by thread name (chDB's threads are named by the engine; Node's are `node`, the worker's thread too). */
function threadCpu(pid: number): string {
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byName.set(name, (byName.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / CLK_TCK);
    } catch { /* the thread ended */ }
  }
  return [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, s]) => `${n} ${fmt(s, 1)}`).join(', ');
}

function memory(pid: number): { rss: number; hwm: number; anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (re: RegExp, text: string) => Number(re.exec(text)?.[1] ?? 0) * 1024;
  return {
    rss: kb(/VmRSS:\s+(\d+) kB/, status), hwm: kb(/VmHWM:\s+(\d+) kB/, status),
    anon: kb(/RssAnon:\s+(\d+) kB/, status), file: kb(/RssFile:\s+(\d+) kB/, status),
  };
}

/** The server's last `trm-memory` lines (TRM_MEMORY_LOG_MS): one per thread. */
function serverFigures(server: ServerProcess): { main: string; worker: string; chdb: string; all: string } {
  const last = new Map<string, Record<string, number & Record<string, number>>>();
  for (const line of server.log().split('\n')) {
    if (!line.startsWith('trm-memory ')) continue;
    try {
      const j = JSON.parse(line.slice(11));
      last.set(j.thread.startsWith('worker') ? 'worker' : 'main', j);
    } catch { /* a line cut by the pipe */ }
  }
  const main = last.get('main');
  const worker = last.get('worker');
  const chdb = (main?.chdb ?? {}) as Record<string, number>;
  const out = {
    main: main ? `${mb(main.heapUsed)} / ${mb(main.heapTotal)} + ${mb(main.external)}` : '-',
    worker: worker ? `${mb(worker.heapUsed)} / ${mb(worker.heapTotal)} + ${mb(worker.external)}` : '-',
    chdb: chdb.MemoryTracking !== undefined ? `${mb(chdb.MemoryTracking)} / ${mb(chdb.jemallocResident ?? 0)}` : '-',
  };
  return {
    ...out,
    all: `main heap ${out.main} (array buffers ${main ? mb(main.arrayBuffers) : '-'}), worker heap ${out.worker}, chDB ${Object.entries(chdb).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}`,
  };
}
