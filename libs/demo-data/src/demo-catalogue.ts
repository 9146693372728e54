import { SHIPPED_BASELINE, SHIPPED_CATALOGUE, checkCatalogueDocument } from '@trm/domain';
import type { CatalogueDocument, PublishedCatalogueDocument } from '@trm/domain';

const DAY = 86_400_000;
/** The demo timeline's default length (DemoEngine: start = end − 730 days). */
const DEMO_SPAN_DAYS = 730;

/** A catalogue document of the demo data set and the simulated instant it is published. */
export interface DemoPublication {
  document: CatalogueDocument;
  publishAt: Date;
}

/** `YYYY-MM-DD` of an instant (UTC). */
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The catalogue documents the demo data set publishes, in publication order, at simulated times
 * inside its timeline (`start` … `end`, as the demo generator takes them): each is published at
 * 10:00 UTC thirty days before it takes effect (00:00 UTC of its effectiveFrom), and each takes effect inside the timeline, so "as of" a date
 * before a publication shows the earlier figures.
 *
 * - `trm-BG-1` (a third into the timeline): Bulgaria, on `trm-baseline-1`, does not adopt SOP2.M7
 *   (temporary regularisation of stay) and gives SOP1.M6 a national deadline of 30 days.
 * - `trm-baseline-2` (halfway): the baseline's SOP1.M5 (formal identification decision) re-timed
 *   from 60 to 45 days after SOP1.M1.
 * - `trm-IT-1` (two thirds in): Italy, on `trm-baseline-2`, gives SOP1.M4 (reflection period) a
 *   national deadline of 5 days, has no deadline for SOP4.M8, and does not adopt SOP3.M5.
 * - `trm-RO-1` (three quarters in): Romania, on `trm-baseline-2`, gives SOP4.M7 (reintegration
 *   plan) 45 days and does not adopt SOP5.M5 (compensation claim). Three profiles and two
 *   baselines: the published set issue 15's benchmark asks for.
 *
 * Every document passes `checkCatalogueDocument` against those before it (a failure is a bug here:
 * it throws). Deterministic: the same `end` (and `start`) give the same documents and times.
 */
export function demoCatalogue(opts: { end: Date; start?: Date }): DemoPublication[] {
  const end = opts.end.getTime();
  const start = opts.start ? opts.start.getTime() : end - DEMO_SPAN_DAYS * DAY;
  // 00:00 UTC of a day a share of the way through the timeline (a document takes effect at a day's start).
  const at = (share: number) => Math.floor((start + (end - start) * share) / DAY) * DAY;
  const plan: { document: Record<string, unknown>; effective: number }[] = [
    {
      effective: at(1 / 3),
      document: {
        id: 'trm-BG-1', kind: 'national', country: 'BG', base: SHIPPED_BASELINE.id,
        adaptations: { 'SOP2.M7': { adopted: false }, 'SOP1.M6': { deadline: { anchor: 'SOP1.M1', within: 'P30D' } } },
      },
    },
    {
      effective: at(1 / 2),
      document: {
        id: 'trm-baseline-2', kind: 'baseline',
        measures: SHIPPED_BASELINE.measures.map((m) => (m.code === 'SOP1.M5' ? { ...m, deadline: { anchor: 'SOP1.M1', within: 'P45D' } } : m)),
      },
    },
    {
      effective: at(2 / 3),
      document: {
        id: 'trm-IT-1', kind: 'national', country: 'IT', base: 'trm-baseline-2',
        adaptations: {
          'SOP1.M4': { deadline: { anchor: 'SOP1.M1', within: 'P5D' } }, 'SOP4.M8': { deadline: null }, 'SOP3.M5': { adopted: false },
        },
      },
    },
    {
      effective: at(3 / 4),
      document: {
        id: 'trm-RO-1', kind: 'national', country: 'RO', base: 'trm-baseline-2',
        adaptations: { 'SOP4.M7': { deadline: { anchor: 'case.opened', within: 'P45D' } }, 'SOP5.M5': { adopted: false } },
      },
    },
  ];
  const published: PublishedCatalogueDocument[] = [...SHIPPED_CATALOGUE];
  return plan.map(({ document, effective }) => {
    // Published at 10:00 UTC thirty days before it takes effect.
    const publishAt = new Date(effective - 30 * DAY + 10 * 3_600_000);
    const checked = checkCatalogueDocument({ ...document, effectiveFrom: dateOf(effective) }, { published, countries: ['*'] });
    if (!checked.ok) throw new Error(`demo catalogue document ${String(document.id)} fails its checks: ${checked.errors.map((e) => `${e.path} ${e.code}`).join(', ')}`);
    published.push({ document: checked.document, recordedAt: publishAt.toISOString(), publishedBy: 'demo' });
    return { document: checked.document, publishAt };
  });
}
