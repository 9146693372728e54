// Knowledge times worth asking about for a history: before, at, between and after its batches.
import type { History } from './history-builder';
import { DAY_MS } from './history-plan';

/**
 * k asOf instants, sorted: always one before the first batch and one `afterDays` after the last
 * (late enough for the longest deadlines to pass); the rest spread over each batch's recordedAt
 * exactly (recordedAt ≤ T includes it), 1 ms before it, and midway between batches. When catalogue
 * documents are published during the history (and k > 2), one of them lies between two
 * publications: 1 ms before the last one (after the one before it), or 1 ms before the only one.
 */
export function pickAsOfTimes(history: History, k: number, opts: { afterDays?: number } = {}): Date[] {
  const times = history.batches.map((b) => Date.parse(b.recordedAt));
  if (times.length === 0 || k <= 0) return [];
  const first = times[0];
  const last = times[times.length - 1];
  const inner: number[] = [];
  times.forEach((t, i) => {
    inner.push(t - 1, t);
    if (i + 1 < times.length) inner.push(Math.floor((t + times[i + 1]) / 2));
  });
  const candidates = [...new Set(inner)].sort((a, b) => a - b);
  const picked = new Set<number>([first - DAY_MS]);
  if (k > 1) picked.add(last + (opts.afterDays ?? 120) * DAY_MS);
  const published = [...new Set((history.publications ?? []).map((p) => Date.parse(p.recordedAt)))].sort((a, b) => a - b);
  if (k > 2 && published.length > 0) picked.add(published[published.length - 1] - 1);
  const wanted = Math.min(k - picked.size, candidates.length);
  for (let i = 0; i < wanted; i++) {
    picked.add(candidates[Math.round(((i + 0.5) * candidates.length) / wanted - 0.5)]);
  }
  return [...picked].sort((a, b) => a - b).map((t) => new Date(t));
}
