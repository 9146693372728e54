import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_LABEL, demoCatalogue, generateDemoTimeline } from '@trm/demo-data';
import type { SubmittedEvent } from '@trm/domain';
import type { Runtime } from '@trm/runtime';

const DAY = 86_400_000;

/** Who publishes the demo's catalogue documents (`publishedBy`): every country. */
export const DEMO_PUBLISHER = { id: 'demo', countries: ['*'] };

/** The demo keys' submitter (libs/auth ensureDemoKeys): the demo history arrives as its submissions. */
export const DEMO_SUBMITTER = { id: 'demo-submitter', role: 'submitter' as const, countries: ['*'] };

/**
 * Streams a synthetic demo history through the real ingest pipeline, in the order it would have
 * been reported, each batch recorded at its simulated reporting time (so reporting-lag and "as of"
 * views show history). Each batch is a submission as RecordEventsHandler records one — in the
 * audit log too — so every submission id an event names can be looked up and exported.
 * Constant memory: millions of events can be loaded (the benchmark does).
 */
export async function loadDemoHistory(
  runtime: Pick<Runtime, 'pipeline' | 'audit' | 'now'> & Partial<Pick<Runtime, 'metrics' | 'catalogue'>>,
  opts: { cases: number; seed?: number; batchSize?: number; catalogue?: boolean },
): Promise<{ accepted: number; rejected: Map<string, number>; published: string[] }> {
  const now = runtime.now().getTime();
  const key = DEMO_SUBMITTER;
  const rejected = new Map<string, number>();
  let accepted = 0;
  let batch: SubmittedEvent[] = [];
  let batchDay = -1;
  let batchAt = 0;
  const flush = async () => {
    if (!batch.length) return;
    const { result } = await runtime.pipeline.submit(batch, {
      key, channel: 'http', submissionId: randomUUID(), receivedAt: new Date(now), recordedAt: new Date(batchAt),
    });
    // Logged as received when its events were recorded: the simulated day it was reported.
    runtime.audit.recordSubmission({ ...result, keyId: key.id, channel: 'http', receivedAt: new Date(batchAt).toISOString() });
    runtime.metrics?.recordSubmission('http', result);
    accepted += result.accepted;
    for (const r of result.rejected) rejected.set(r.errors[0]?.code ?? '?', (rejected.get(r.errors[0]?.code ?? '?') ?? 0) + 1);
    batch = [];
  };
  const end = new Date(now - DAY);
  // With `catalogue`: the demo's catalogue documents, each published (checked, appended to the
  // catalogue stream) at its simulated time, between the submissions reported before and after it.
  const publications = opts.catalogue && runtime.catalogue ? demoCatalogue({ end }) : [];
  const published: string[] = [];
  const publishUpTo = async (t: number) => {
    while (publications.length && publications[0].publishAt.getTime() <= t) {
      await flush();
      const { document, publishAt } = publications.shift()!;
      const result = await runtime.catalogue!.publish(document, DEMO_PUBLISHER, { recordedAt: publishAt });
      // demoCatalogue checked each document already: a refusal here is a bug worth stopping for.
      if (!result.ok) throw new Error(`demo data: catalogue document ${document.id} refused (${result.errors.map((e) => e.code).join(', ')})`);
      published.push(document.id);
    }
  };
  for (const { event, reportedAt } of generateDemoTimeline({ seed: opts.seed ?? 2026, cases: opts.cases, end })) {
    const t = reportedAt.getTime();
    await publishUpTo(t);
    const day = Math.floor(t / DAY);
    if (day !== batchDay || batch.length >= (opts.batchSize ?? 5000)) {
      await flush();
      batchDay = day;
    }
    batch.push(event);
    batchAt = t;
  }
  await flush();
  await publishUpTo(end.getTime());
  return { accepted, rejected, published };
}

/**
 * On first start with an empty event store (TRM_DEMO=1), loads the synthetic demo history.
 * Marked synthetic: a DEMO_DATA file in the data directory, and the label in /health and the
 * dashboards.
 */
export async function loadDemoDataIfEmpty(runtime: Runtime): Promise<{ accepted: number; cases: number } | undefined> {
  if ((await runtime.store.headPosition()) > 0) return undefined;
  const { accepted, rejected } = await loadDemoHistory(runtime, { cases: runtime.config.demoCases, catalogue: true });
  if (rejected.size) {
    // The generator aims at valid histories; anything refused is a generator bug worth seeing.
    console.warn(`demo data: ${[...rejected].map(([c, n]) => `${n} × ${c}`).join(', ')} rejected`);
  }
  writeFileSync(join(runtime.config.dataDir, 'DEMO_DATA'), `${DEMO_LABEL}\nloaded ${new Date().toISOString()}\n`);
  return { accepted, cases: runtime.config.demoCases };
}
