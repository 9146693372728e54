import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplayService, verifyEventStore } from '@trm/audit';
import { startService } from '@trm/testing/service/service-harness';
import { loadDemoHistory } from '../apps/server/src/demo-loader';
import { fmt, heading } from './util';

/** How long verify and replay take on a store of about `events` events. */
export async function auditBench(events: number): Promise<void> {
  heading(`Audit: verify and replay on ~${fmt(events)} events`);
  const dir = mkdtempSync(join(tmpdir(), 'trm-bench-audit-'));
  const svc = await startService({ dataDir: dir });
  await loadDemoHistory(svc.runtime, { cases: Math.ceil(events / 13), seed: 3 });
  await svc.runtime.projector.waitForHead(3_600_000);
  const head = await svc.runtime.store.headPosition();
  const v = await verifyEventStore(svc.runtime.store);
  console.log(`verify: ${fmt(v.checked)} events in ${fmt(v.durationMs / 1000, 1)} s (${fmt(v.checked / (v.durationMs / 1000))} events/s), ok=${v.ok}`);
  const replay = new ReplayService(svc.runtime.store, svc.runtime.warehouse, svc.runtime.config.warehouseDb, svc.runtime.projector);
  const r = await replay.run({});
  console.log(`replay: ${fmt(r.replayed)} of ${fmt(head)} events rebuilt in ${fmt(r.durationMs.rebuild / 1000, 1)} s, ${r.comparisons} indicator comparisons in ${fmt(r.durationMs.compare / 1000, 1)} s, ${r.differences.length} differences`);
  await svc.close();
  rmSync(dir, { recursive: true, force: true });
}
