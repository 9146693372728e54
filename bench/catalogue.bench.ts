import { SHIPPED_BASELINE } from '@trm/domain';
import type { ProjectorRunner } from '@trm/projections';
import type { Warehouse } from '@trm/warehouse';
import { fmt } from './util';

interface BenchService {
  url: string;
  auth: (keyId: string) => Record<string, string>;
  runtime: { projector: ProjectorRunner; warehouse: Warehouse; store: { headPosition(): Promise<number> } };
}

/**
 * Issue 15's load: three national profiles and a second baseline published over the API into a
 * service holding the bench's history, each projected before the next (the projector folds again
 * the live cases whose governing document changes). Prints, per publication, the live cases it
 * could govern, those folded again, the signed rows written and the time until it was projected.
 * The largest country's profile governs all its cases (at 500k cases, over 100k of them).
 */
export async function publishBenchCatalogue(svc: BenchService): Promise<void> {
  const byCountry = await svc.runtime.warehouse.query<{ country: string; cases: string | number; lo: string; hi: string }>(
    `SELECT country, sum(sign) AS cases, toString(min(opened_at)) AS lo, toString(max(opened_at)) AS hi
     FROM trm.case_view_v1 GROUP BY country HAVING cases > 0 ORDER BY cases DESC`);
  const [big, second, third] = byCountry;
  const day = (s: string) => s.slice(0, 10);
  const middle = (r: { lo: string; hi: string }) => new Date((Date.parse(`${r.lo.replace(' ', 'T')}Z`) + Date.parse(`${r.hi.replace(' ', 'T')}Z`)) / 2).toISOString().slice(0, 10);
  const withDeadline = SHIPPED_BASELINE.measures.filter((m) => m.deadline);
  const documents = [
    { id: `trm-${big.country}-1`, kind: 'national', country: big.country, base: 'trm-baseline-1', effectiveFrom: '2000-01-01',
      adaptations: { [withDeadline[0].code]: { adopted: false }, [withDeadline[1].code]: { deadline: null } } },
    { id: `trm-${second.country}-1`, kind: 'national', country: second.country, base: 'trm-baseline-1', effectiveFrom: middle(second),
      adaptations: { [withDeadline[2].code]: { deadline: { anchor: 'case.opened', within: 'P30D' } } } },
    { id: `trm-${third.country}-1`, kind: 'national', country: third.country, base: 'trm-baseline-1', effectiveFrom: day(third.lo),
      adaptations: { [withDeadline[3].code]: { adopted: false } } },
    { id: 'trm-baseline-2', kind: 'baseline', effectiveFrom: middle(byCountry[byCountry.length - 1]),
      measures: SHIPPED_BASELINE.measures.map((m) => (m.code === withDeadline[0].code && m.deadline ? { ...m, deadline: { ...m.deadline, within: 'P10D' } } : m)) },
  ];
  console.log(`catalogue documents: ${documents.map((d) => d.id).join(', ')} (largest country ${big.country}: ${fmt(Number(big.cases))} live cases)`);
  for (const doc of documents) {
    const t0 = Date.now();
    const res = await fetch(`${svc.url}/v1/catalogue`, { method: 'POST', headers: { ...svc.auth('admin'), 'content-type': 'application/json' }, body: JSON.stringify(doc) });
    if (res.status !== 201) throw new Error(`publishing ${doc.id}: ${res.status} ${await res.text()}`);
    const head = await svc.runtime.store.headPosition();
    await svc.runtime.projector.waitForHead(3_600_000);
    const p = svc.runtime.projector.status().lastPublication;
    if (p?.position !== head) throw new Error(`${doc.id} was not projected as a publication`);
    console.log(`published ${doc.id.padEnd(16)} projected in ${fmt((Date.now() - t0) / 1000, 1)} s: ${fmt(p.candidates)} live cases it could govern, ${fmt(p.refolded)} folded again, ${fmt(p.rows)} signed rows (${fmt(p.ms / 1000, 1)} s in the projector)`);
  }
}
