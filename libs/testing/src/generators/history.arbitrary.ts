// arbitraryHistory: a random multi-country history of TRM events, submitted in batches.
import fc from 'fast-check';
import { buildPublications, cataloguePlan } from './catalogue-publications';
import type { CataloguePlan } from './catalogue-publications';
import { buildHistory } from './history-builder';
import type { History } from './history-builder';
import { casePlan, DAY_MS } from './history-plan';
import type { HistoryPlan } from './history-plan';

export interface HistoryOptions {
  /** Cases planned (receiving countries may open a few more for referrals). Default 5–40. */
  minCases?: number;
  maxCases?: number;
  /** Whole cases are dropped (newest first) beyond this many events. Default 600. */
  maxEvents?: number;
  /** At most this many batches. Default 10. */
  maxBatches?: number;
  /** Reporting countries. Default BG, RO, IT, AL, DE, XK. */
  countries?: string[];
  /** Cases open between `start` and `start + spanDays`. Default 2023-11-01, 450 days (crosses a year). */
  start?: string;
  spanDays?: number;
  /** Write some occurredAt values with a non-zero UTC offset (e.g. +01:00). Default true. */
  offsets?: boolean;
  /**
   * Publish random catalogue documents during the history (`publications`): 0–1 further baseline
   * and 0–3 national profiles. Default false (and then the same seeds give the same histories as before).
   */
  catalogue?: boolean;
}

export const DEFAULT_COUNTRIES = ['BG', 'RO', 'IT', 'AL', 'DE', 'XK'];

export function arbitraryHistory(opts: HistoryOptions = {}): fc.Arbitrary<History> {
  const minCases = opts.minCases ?? 5;
  const maxCases = Math.max(minCases, opts.maxCases ?? 40);
  const spanMs = (opts.spanDays ?? 450) * DAY_MS;
  const settings = {
    start: Date.parse(opts.start ?? '2023-11-01T00:00:00.000Z'),
    countries: opts.countries ?? DEFAULT_COUNTRIES,
    maxEvents: opts.maxEvents ?? 600,
  };
  const maxBatches = Math.max(1, opts.maxBatches ?? 10);
  const plan: fc.Arbitrary<HistoryPlan> = fc.record({
    seed: fc.nat(),
    cases: fc.array(casePlan(spanMs), { minLength: minCases, maxLength: maxCases }),
    batches: fc.integer({ min: 1, max: maxBatches }),
    cuts: fc.array(fc.nat(), { minLength: maxBatches, maxLength: maxBatches }),
  });
  const histories = plan
    .map((p) => (opts.offsets === false ? { ...p, cases: p.cases.map((c) => ({ ...c, utcOffset: 0 })) } : p))
    .map((p) => buildHistory(p, settings));
  if (!opts.catalogue) return histories;
  return fc.tuple(histories, cataloguePlan(opts.spanDays ?? 450)).map(([history, catalogue]: [History, CataloguePlan]) => ({
    ...history,
    publications: buildPublications(catalogue, history.batches, settings),
  }));
}
