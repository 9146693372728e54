import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_LABEL, generateDemoEvents } from '@trm/demo-data';
import type { SubmittedEvent } from '@trm/domain';
import type { Runtime } from '@trm/runtime';

const DAY = 86_400_000;

/** Deterministic 0..1 from an event id: the same demo gets the same reporting delays. */
function unit(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(-8), 16) / 0xffffffff;
}

/**
 * Reporting delay of a demo event: most within hours or days, a tail of late reports weeks later,
 * so the reporting-lag panel and "as of" views have something true to show.
 */
function delay(e: SubmittedEvent): number {
  const u = unit(e.eventId);
  if (u < 0.6) return u * 0.5 * DAY;
  if (u < 0.92) return (u - 0.5) * 10 * DAY;
  return (u - 0.9) * 400 * DAY;
}

/**
 * On first start with an empty event store (TRM_DEMO=1), submits the synthetic demo history
 * through the real ingest pipeline, in the order it would have been reported, each daily batch
 * recorded at its reporting time. Marked synthetic: a DEMO_DATA file in the data directory and
 * the label in /health and the dashboards.
 */
export async function loadDemoDataIfEmpty(runtime: Runtime): Promise<{ accepted: number; cases: number } | undefined> {
  if ((await runtime.store.headPosition()) > 0) return undefined;
  const now = runtime.now().getTime();
  const events = [...generateDemoEvents({ seed: 2026, cases: runtime.config.demoCases, end: new Date(now - DAY) })];
  const lastOfCase = new Map<string, number>();
  const timed = events.map((e) => {
    const key = `${e.country}:${e.caseRef}`;
    const t = Math.min(now, Math.max(Date.parse(e.occurredAt) + delay(e), lastOfCase.get(key) ?? 0));
    lastOfCase.set(key, t);
    return { e, t };
  });
  timed.sort((a, b) => a.t - b.t);
  const key = { id: 'demo-loader', role: 'submitter' as const, countries: ['*'] };
  let accepted = 0;
  const rejectedByCode = new Map<string, number>();
  for (let i = 0; i < timed.length;) {
    const day = Math.floor(timed[i].t / DAY);
    const batch: SubmittedEvent[] = [];
    let t = timed[i].t;
    while (i < timed.length && Math.floor(timed[i].t / DAY) === day && batch.length < 5000) {
      t = timed[i].t;
      batch.push(timed[i++].e);
    }
    const { result } = await runtime.pipeline.submit(batch, {
      key, channel: 'http', submissionId: randomUUID(), receivedAt: new Date(now), recordedAt: new Date(t),
    });
    accepted += result.accepted;
    for (const r of result.rejected) rejectedByCode.set(r.errors[0]?.code ?? '?', (rejectedByCode.get(r.errors[0]?.code ?? '?') ?? 0) + 1);
  }
  if (rejectedByCode.size) {
    // The generator aims at valid histories; anything refused is a generator bug worth seeing.
    console.warn(`demo data: ${[...rejectedByCode].map(([c, n]) => `${n} × ${c}`).join(', ')} rejected`);
  }
  writeFileSync(join(runtime.config.dataDir, 'DEMO_DATA'), `${DEMO_LABEL}\nloaded ${new Date(now).toISOString()}\n`);
  return { accepted, cases: runtime.config.demoCases };
}

export function hasDemoData(dataDir: string): boolean {
  return existsSync(join(dataDir, 'DEMO_DATA'));
}
