import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuditModule } from '@trm/audit/module';
import { IndicatorsModule, INDICATORS } from '@trm/indicators';
import { IngestModule } from '@trm/ingest';
import { OperationsModule } from '@trm/operations';
import { startService } from '@trm/testing/service/service-harness';
import { loadDemoHistory } from '../apps/server/src/demo-loader';
import { fmt, heading, percentile } from './util';

/**
 * Indicator latency over HTTP at scale (default 400k cases ≈ 5.2M events): every indicator
 * grouped by country, as of now and as of a past knowledge time, p50/p95 over repeated queries.
 * The data set is loaded once into `dataDir` through the real pipeline and reused by later runs.
 */
export async function indicatorsBench(cases: number, dataDir: string, repeat: number): Promise<void> {
  const dir = dataDir || join(process.cwd(), '.tmp', `bench-indicators-${cases}`);
  const fresh = !existsSync(join(dir, 'events.sqlite'));
  mkdirSync(dir, { recursive: true });
  heading(`Indicator latency: ${fmt(cases)} demo cases in ${dir}`);
  const svc = await startService({ dataDir: dir, modules: [IngestModule, IndicatorsModule, AuditModule, OperationsModule] });
  if (fresh) {
    const t0 = Date.now();
    const { accepted } = await loadDemoHistory(svc.runtime, { cases });
    const loaded = (Date.now() - t0) / 1000;
    await svc.runtime.projector.waitForHead(3_600_000);
    console.log(`loaded ${fmt(accepted)} events in ${fmt(loaded, 1)} s (${fmt(accepted / loaded)} events/s in process), projected after ${fmt((Date.now() - t0) / 1000, 1)} s`);
  }
  const head = await svc.runtime.store.headPosition();
  const [range] = await svc.runtime.warehouse.query<{ lo: string; hi: string }>(
    'SELECT toString(min(recorded_at)) AS lo, toString(max(recorded_at)) AS hi FROM trm.events_v1');
  const past = new Date((Date.parse(`${range.lo}Z`.replace(' ', 'T')) + Date.parse(`${range.hi}Z`.replace(' ', 'T'))) / 2);
  console.log(`${fmt(head)} events; past knowledge time ${past.toISOString()}; ${repeat} queries per figure`);
  console.log(`${'indicator'.padEnd(34)} ${'now p50'.padStart(9)} ${'now p95'.padStart(9)} ${'past p50'.padStart(9)} ${'past p95'.padStart(9)}   (ms)`);
  for (const def of INDICATORS) {
    const cells: string[] = [];
    for (const asOf of [undefined, past]) {
      const times: number[] = [];
      for (let i = 0; i < repeat; i++) {
        const t = process.hrtime.bigint();
        const res = await fetch(`${svc.url}/v1/indicators/${def.id}?groupBy=country${asOf ? `&asOf=${asOf.toISOString()}` : ''}`, { headers: svc.auth('auditor') });
        await res.json();
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      times.sort((a, b) => a - b);
      cells.push(fmt(percentile(times, 0.5)).padStart(9), fmt(percentile(times, 0.95)).padStart(9));
    }
    console.log(`${def.id.padEnd(34)} ${cells.join(' ')}`);
  }
  await svc.close();
}
