import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLogStore } from '@trm/audit-log';
import { AuditModule } from '@trm/audit';
import { CatalogueModule } from '@trm/catalogue';
import { CATALOGUE_STREAM } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { IndicatorsModule, INDICATORS } from '@trm/indicators';
import { IngestModule, IngestPipeline } from '@trm/ingest';
import { snapshotRows } from '@trm/projections';
import { OperationsModule } from '@trm/operations';
import { startService } from '@trm/testing/service/service-harness';
import { loadDemoHistory } from '../apps/server/src/demo-loader';
import { publishBenchCatalogue } from './catalogue.bench';
import { fmt, heading, percentile } from './util';

/**
 * Indicator latency over HTTP at scale (default 500k demo cases, about 6M events): every indicator
 * grouped by country, as of now and as of a past knowledge time, p50/p95 over repeated queries.
 *
 * The history goes through the real ingest pipeline (case rules, hashing, SQLite store) into
 * `dataDir`, which later runs reuse; the service then projects it from the store (a full rebuild
 * of the read models, timed) and answers the queries.
 */
/** `catalogue`: publish issue 15's documents first (catalogue.bench.ts), timing their projection. */
export async function indicatorsBench(cases: number, dataDir: string, repeat: number, key = 'auditor', catalogue = false): Promise<void> {
  const dir = dataDir || join(process.cwd(), '.tmp', `bench-indicators-${cases}`);
  mkdirSync(dir, { recursive: true });
  heading(`Indicator latency: ${fmt(cases)} demo cases in ${dir}, read with the ${key} key`);
  if (!existsSync(join(dir, 'events.sqlite'))) {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), cacheMiB: 256 });
    const pipeline = new IngestPipeline(store, { pseudonymSecret: 'bench' });
    const audit = new AuditLogStore(join(dir, 'audit.sqlite'));
    const t0 = Date.now();
    const { accepted } = await loadDemoHistory({ pipeline, audit, now: () => new Date() }, { cases });
    audit.close();
    const s = (Date.now() - t0) / 1000;
    console.log(`stored ${fmt(accepted)} events through the ingest pipeline in ${fmt(s, 1)} s (${fmt(accepted / s)} events/s, in process)`);
    await store.close();
  }
  const t1 = Date.now();
  const svc = await startService({ dataDir: dir, modules: [IngestModule, CatalogueModule, IndicatorsModule, AuditModule, OperationsModule] });
  const head = await svc.runtime.store.headPosition();
  const before = svc.runtime.projector.status().checkpoint;
  await svc.runtime.projector.waitForHead(3_600_000);
  if (before < head) {
    const s = (Date.now() - t1) / 1000;
    console.log(`projected ${fmt(head - before)} events from the store in ${fmt(s, 1)} s (${fmt((head - before) / s)} events/s, read models rebuilt)`);
  }
  if (catalogue && !svc.runtime.projector.status().lastPublication && (await svc.runtime.store.readStream(CATALOGUE_STREAM)).length === 0) {
    await publishBenchCatalogue(svc);
  }
  // The projector snapshots the views once caught up (chDB runs one query at a time): wait for a
  // snapshot at the checkpoint, as a service that has been running a while would have.
  const checkpoint = svc.runtime.projector.status().checkpoint;
  for (let i = 0; i < 3000; i++) {
    if (!svc.runtime.projector.status().snapshotting && ((await svc.runtime.projector.snapshots.list()).at(-1)?.position ?? 0) >= checkpoint) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const snaps = await svc.runtime.projector.snapshots.list();
  console.log(`snapshots: ${snaps.map((x) => `${new Date(x.snapshot).toISOString().slice(0, 10)} (${fmt(snapshotRows(x))} view rows, ${fmt(x.eventRows)} events, built in ${fmt(x.builtMs / 1000, 1)} s)`).join(', ')}`);
  const w = svc.runtime.warehouse;
  const [sizes] = await w.query<Record<string, string>>(
    `SELECT (SELECT count() FROM trm.events_v1) AS events, (SELECT sum(sign) FROM trm.case_view_v1) AS live_cases,
            (SELECT count() FROM trm.case_view_v1) AS case_rows, (SELECT count() FROM trm.measure_view_v1) AS pair_rows,
            (SELECT count() FROM trm.deadline_view_v1) AS deadline_rows,
            (SELECT toString(min(recorded_at)) FROM trm.events_v1) AS lo, (SELECT toString(max(recorded_at)) FROM trm.events_v1) AS hi`);
  const past = new Date((Date.parse(`${sizes.lo.replace(' ', 'T')}Z`) + Date.parse(`${sizes.hi.replace(' ', 'T')}Z`)) / 2);
  console.log(`${fmt(Number(sizes.events))} events, ${fmt(Number(sizes.live_cases))} live cases; read models: ${fmt(Number(sizes.case_rows))} case_view rows, ${fmt(Number(sizes.pair_rows))} measure_view rows, ${fmt(Number(sizes.deadline_rows))} deadline_view rows`);
  // A manager's answers are under disclosure control (INDICATORS.md): asOf rounded down to 00:00 UTC,
  // cell keys summed beside every count, perturbed, small rows left out.
  console.log(`past knowledge time ${past.toISOString()}${key === 'manager' ? ' (a manager reads it as of 00:00 UTC that day)' : ''}; ${repeat} queries per figure after one warm-up, grouped by country`);
  const time = async (path: string, n: number): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i <= n; i++) {
      const t = process.hrtime.bigint();
      const res = await fetch(`${svc.url}${path}`, { headers: svc.auth(key) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.json();
      if (i > 0) times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return times.sort((a, b) => a - b);
  };
  const row = async (label: string, path: (asOf?: Date) => string, n: number) => {
    const cells: string[] = [];
    for (const asOf of [undefined, past]) {
      const times = await time(path(asOf), n);
      cells.push(fmt(percentile(times, 0.5)).padStart(9), fmt(percentile(times, 0.95)).padStart(9));
    }
    console.log(`${label.padEnd(34)} ${cells.join(' ')}`);
  };
  const asOfParam = (asOf?: Date) => (asOf ? `&asOf=${asOf.toISOString()}` : '');
  // The service's first queries after a start are slower (measured: 250–370 ms for the first few
  // against ~85 ms after, whichever indicator comes first): one pass over every indicator first,
  // its times printed apart, so the table shows the steady state of a running service.
  const cold: string[] = [];
  for (const def of INDICATORS) {
    const t = process.hrtime.bigint();
    await (await fetch(`${svc.url}/v1/indicators/${def.id}?groupBy=country`, { headers: svc.auth(key) })).json();
    cold.push(`${def.id} ${fmt(Number(process.hrtime.bigint() - t) / 1e6)}`);
  }
  console.log(`first query of each indicator after the start (ms, as of now): ${cold.join(', ')}`);
  console.log(`${'indicator'.padEnd(34)} ${'now p50'.padStart(9)} ${'now p95'.padStart(9)} ${'past p50'.padStart(9)} ${'past p95'.padStart(9)}   (ms)`);
  for (const def of INDICATORS) await row(def.id, (asOf) => `/v1/indicators/${def.id}?groupBy=country${asOfParam(asOf)}`, repeat);
  // GET /v1/referrals/open: rapporteurs and auditors only (CONTRACT.md "Referrals still open").
  if (key !== 'manager') await row('referrals/open', (asOf) => `/v1/referrals/open?${asOfParam(asOf).slice(1)}`, repeat);
  if (key === 'manager') await row('gaps (no case ids for managers)', (asOf) => `/v1/gaps?groupBy=country${asOfParam(asOf)}`, repeat);
  else await row('gaps?detail=cases (listing)', (asOf) => `/v1/gaps?groupBy=country&detail=cases${asOfParam(asOf)}`, 2);
  await svc.close();
}
