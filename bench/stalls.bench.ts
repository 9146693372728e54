import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SubmittedEvent } from '@trm/domain';
import { generateDemoEvents } from '@trm/demo-data';
import { INDICATORS } from '@trm/indicators';
import { startServerProcess } from '@trm/testing/service/server-process';
import { writeTestKeys } from '@trm/testing/service/service-harness';
import { ChdbWarehouse } from '@trm/warehouse';
import { fmt, heading, percentile } from './util';

interface Sample { path: string; t0: number; t1: number; ms: number }
interface Interval { from: number; to: number }

/** CPU seconds (user + system) the process used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime: fields 14 and 15, in clock ticks
}

/**
 * Fresh demo events dated in the last 30 days: the generator's case refs, referral ids and event
 * ids renamed for this run, so they never meet the data directory's cases.
 */
function freshEvents(count: number): SubmittedEvent[] {
  const tag = `s${Date.now().toString(36)}`;
  const ids = new Map<string, string>();
  const id = (old: string) => ids.get(old) ?? (ids.set(old, randomUUID()), ids.get(old)!);
  const out: SubmittedEvent[] = [];
  const end = new Date();
  for (const e of generateDemoEvents({ seed: Date.now() % 2 ** 31, cases: Math.ceil(count / 11), start: new Date(end.getTime() - 30 * 86_400_000), end })) {
    const r = { ...e } as Record<string, unknown>;
    r.eventId = id(String(r.eventId));
    if (typeof r.retractsEventId === 'string') r.retractsEventId = id(r.retractsEventId);
    r.caseRef = `${String(r.caseRef)}-${tag}`;
    if (typeof r.referralId === 'string') r.referralId = `${r.referralId}-${tag}`;
    out.push(r as unknown as SubmittedEvent);
    if (out.length >= count) break;
  }
  return out;
}

function summary(samples: Sample[]): string {
  if (!samples.length) return `${'-'.padStart(5)} ${'-'.padStart(7)} ${'-'.padStart(7)} ${'-'.padStart(7)}`;
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return `${String(ms.length).padStart(5)} ${fmt(percentile(ms, 0.5)).padStart(7)} ${fmt(percentile(ms, 0.95)).padStart(7)} ${fmt(ms.at(-1)!).padStart(7)}`;
}

/**
 * Dashboard queries while events flow and a snapshot builds (issue 18 item 4). On a COPY of a
 * data directory (it gets new events and a snapshot): the server as a separate process, new demo
 * events fed over HTTP at `rate` events/s, a quiet moment that makes the projector build a
 * snapshot of the views (TRM_SNAPSHOT_ROWS is set low), the feed going on through the build; all
 * the while the indicators of indicators.bench asked one after another, as of now. p50/p95/max per
 * indicator, split by whether the query overlapped a snapshot build. Asserts nothing.
 */
export async function stallsBench(dataDir: string, key: string, rate: number, warmSeconds: number, afterSeconds: number, quietMs = 3000): Promise<void> {
  if (!dataDir) throw new Error('--stalls needs --data DIR: a copy of a data directory (it is written to)');
  heading(`Stalls: indicator queries (${key} key) while ${fmt(rate)} events/s flow and a snapshot builds, on ${dataDir}`);
  const port = 31000 + Math.floor(Math.random() * 10000);
  const env = {
    TRM_DATA_DIR: dataDir, TRM_KEYS_FILE: writeTestKeys(dataDir), TRM_SNAPSHOT_ROWS: '1000',
    TRM_RATE_LIMIT_READS: '1000000', TRM_RATE_LIMIT_SUBMISSIONS: '1000000',
  };
  const started = Date.now();
  const server = await startServerProcess(env, port, 600_000);
  const pid = server.child.pid!;
  const keyed = { authorization: `Bearer secret-${key}` };
  const health = async () => (await (await fetch(`${server.url}/health`, { headers: keyed })).json()) as {
    components: { projector: { snapshotting: boolean; caughtUp: boolean; checkpoint: number; head: number } };
  };
  // Caught up, and no build running: the state of a server that has been up a while.
  for (;;) {
    const p = (await health()).components.projector;
    if (p.caughtUp && !p.snapshotting && p.checkpoint >= p.head) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`server up and caught up in ${fmt((Date.now() - started) / 1000, 1)} s`);

  const total = rate * (warmSeconds + afterSeconds + 120);
  const events = freshEvents(total);
  const paths = INDICATORS.map((d) => `/v1/indicators/${d.id}?groupBy=country`);
  paths.push(key === 'manager' ? '/v1/gaps?groupBy=country' : '/v1/referrals/open');
  // Warm-up: one pass, not counted.
  for (const p of paths) await (await fetch(`${server.url}${p}`, { headers: keyed })).json();

  let stop = false;
  let paused = false;
  const samples: Sample[] = [];
  const observed: Interval[] = []; // builds as /health saw them
  let sent = 0;
  let accepted = 0;
  let rejected = 0;
  const posts: number[] = [];
  const cpu0 = cpuSeconds(pid);
  const t0 = Date.now();

  const feed = (async () => {
    const chunk = Math.max(1, Math.round(rate / 4));
    let next = Date.now();
    while (!stop && sent < events.length) {
      if (paused) { await new Promise((r) => setTimeout(r, 50)); next = Date.now(); continue; }
      const body = events.slice(sent, sent + chunk).map((e) => JSON.stringify(e)).join('\n') + '\n';
      const at = Date.now();
      sent += chunk;
      const res = await fetch(`${server.url}/v1/events`, {
        method: 'POST', headers: { authorization: 'Bearer secret-submitter', 'content-type': 'application/x-ndjson' }, body,
      });
      const answer = (await res.json()) as { accepted: number; rejected: unknown[] };
      posts.push(Date.now() - at);
      accepted += answer.accepted ?? 0;
      rejected += answer.rejected?.length ?? 0;
      next += 250;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
  })();
  const ask = (async () => {
    while (!stop) {
      for (const path of paths) {
        if (stop) break;
        const a = Date.now();
        const h = process.hrtime.bigint();
        const res = await fetch(`${server.url}${path}`, { headers: keyed });
        await res.json();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        samples.push({ path, t0: a, t1: Date.now(), ms: Number(process.hrtime.bigint() - h) / 1e6 });
      }
    }
  })();
  let building: number | undefined;
  let lastHealthMs = 0;
  let lastPrint = 0;
  const watch = (async () => {
    while (!stop) {
      const a = Date.now();
      const p = (await health()).components.projector;
      lastHealthMs = Date.now() - a;
      if (p.snapshotting && building === undefined) {
        building = a;
        console.log(`  ${fmt((a - t0) / 1000, 1)} s: /health says a snapshot build is running`);
      } else if (!p.snapshotting && building !== undefined) {
        observed.push({ from: building, to: Date.now() });
        console.log(`  ${fmt((Date.now() - t0) / 1000, 1)} s: /health says the build ended`);
        building = undefined;
      }
      if (lastHealthMs > 1000 || Date.now() - lastPrint >= 10_000) {
        lastPrint = Date.now();
        console.log(`  ${fmt((Date.now() - t0) / 1000, 1)} s: /health took ${fmt(lastHealthMs)} ms; projector ${fmt(p.head - p.checkpoint)} events behind; ${fmt(sent)} events sent, ${fmt(samples.length)} queries answered`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await sleep(warmSeconds * 1000);
  // A quiet moment: the caught-up projector snapshots once no event came for SNAPSHOT_AFTER_QUIET_MS.
  paused = true;
  const quietAt = Date.now();
  console.log(`  ${fmt((quietAt - t0) / 1000, 1)} s: feed paused (${fmt(sent)} events sent) so that a snapshot build starts`);
  // Until the projector has caught up (it may lag the feed), then the quiet interval.
  for (let i = 0; i < 600; i++) {
    const p = (await health()).components.projector;
    if (p.checkpoint >= p.head) break;
    await sleep(200);
  }
  await sleep(quietMs);
  paused = false;
  console.log(`  ${fmt((Date.now() - t0) / 1000, 1)} s: feed resumed`);
  await sleep(afterSeconds * 1000);
  // Never end inside a build: wait for /health to say it is over (it may have been blocked by it).
  const deadline = Date.now() + 300_000;
  while ((building !== undefined) && Date.now() < deadline) await sleep(200);
  stop = true;
  await Promise.all([feed, ask, watch]);
  const t1 = Date.now();
  const cpu = cpuSeconds(pid) - cpu0;
  const rss = server.peakRss();
  await server.stop();

  // The builds as the snapshot list records them (created_at = end, built_ms = its INSERTs).
  const w = new ChdbWarehouse(join(dataDir, 'warehouse'));
  const listed = await w.query<{ created: string; built_ms: string | number; rows: string | number }>(
    `SELECT toUnixTimestamp64Milli(created_at) AS created, built_ms, case_rows + pair_rows + deadline_rows AS rows
     FROM trm.view_snapshots_v1 WHERE created_at >= fromUnixTimestamp64Milli(toInt64(${t0 - 60_000}))`,
  );
  await w.close();
  const builds: Interval[] = listed.map((r) => ({ from: Number(r.created) - Number(r.built_ms), to: Number(r.created) }));
  for (const r of listed) {
    console.log(`  snapshot built ${fmt((Number(r.created) - Number(r.built_ms) - t0) / 1000, 1)}–${fmt((Number(r.created) - t0) / 1000, 1)} s (${fmt(Number(r.built_ms) / 1000, 1)} s, ${fmt(Number(r.rows))} view rows)`);
  }
  const spans = [...builds, ...observed];
  const during = (s: Sample) => spans.some((b) => s.t0 <= b.to && s.t1 >= b.from);
  const seconds = (t1 - t0) / 1000;
  console.log(`fed ${fmt(sent)} events (${fmt(accepted)} accepted, ${fmt(rejected)} rejected) over ${fmt(seconds, 1)} s; ${fmt(samples.length)} queries`);
  posts.sort((a, b) => a - b);
  console.log(`submissions of ${fmt(Math.round(rate / 4))} events: p50 ${fmt(percentile(posts, 0.5))} ms, p95 ${fmt(percentile(posts, 0.95))} ms, max ${fmt(posts.at(-1) ?? 0)} ms (wall)`);
  console.log(`server CPU ${fmt(cpu, 1)} s over the run (${fmt((cpu / seconds) * 100)} % of one core), peak RSS ${fmt(rss / 1024 / 1024)} MB`);
  console.log(`${'indicator (ms, wall)'.padEnd(34)} ${'during a snapshot build'.padEnd(29)} otherwise`);
  console.log(`${''.padEnd(34)} ${'n'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}  ${'n'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
  for (const path of [...paths, 'all']) {
    const mine = samples.filter((s) => path === 'all' || s.path === path);
    const label = path === 'all' ? 'all queries' : path.replace('/v1/indicators/', '').replace('?groupBy=country', '');
    console.log(`${label.padEnd(34)} ${summary(mine.filter(during))}  ${summary(mine.filter((s) => !during(s)))}`);
  }
}
