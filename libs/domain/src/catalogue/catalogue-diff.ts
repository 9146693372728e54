import type { CatalogueDeadline } from './catalogue-document';
import type { ResolvedCatalogue, ResolvedMeasure } from './catalogue-resolution';

/**
 * What changed between two resolved documents (`GET /v1/catalogue/diff?from=…&to=…`, CONTRACT.md):
 * measures added and removed, adopted or not, deadlines changed (re-timed, given or removed), and
 * — between two baselines — any other field of a measure. Each list follows the measures' order in
 * `to` (in `from` for `removed`); a document diffed with itself gives empty lists.
 */
export interface CatalogueDiff {
  from: string;
  to: string;
  /** Measures of `to` that `from` lacks, resolved as in `to`. */
  added: ResolvedMeasure[];
  /** Measures of `from` that `to` lacks, resolved as in `from`. */
  removed: ResolvedMeasure[];
  /** Measures of both whose adoption differs. */
  adoption: { code: string; from: boolean; to: boolean }[];
  /** Measures of both whose deadline in force differs (`null`: no deadline). */
  deadlines: { code: string; from: CatalogueDeadline | null; to: CatalogueDeadline | null }[];
  /** Other fields that differ (only baselines can change them; `before` absent is `null`). */
  changed: { code: string; field: ChangedField; from: unknown; to: unknown }[];
}

export type ChangedField = 'sop' | 'title' | 'appliesTo' | 'before' | 'actors';
const FIELDS: readonly ChangedField[] = ['sop', 'title', 'appliesTo', 'before', 'actors'];

export function diffCatalogues(from: ResolvedCatalogue, to: ResolvedCatalogue): CatalogueDiff {
  const before = new Map(from.measures.map((m) => [m.code, m]));
  const after = new Map(to.measures.map((m) => [m.code, m]));
  const diff: CatalogueDiff = { from: from.id, to: to.id, added: [], removed: [], adoption: [], deadlines: [], changed: [] };
  for (const m of to.measures) {
    const old = before.get(m.code);
    if (!old) { diff.added.push(m); continue; }
    if (old.adopted !== m.adopted) diff.adoption.push({ code: m.code, from: old.adopted, to: m.adopted });
    if (!sameDeadline(old.deadline, m.deadline)) diff.deadlines.push({ code: m.code, from: old.deadline, to: m.deadline });
    for (const field of FIELDS) {
      const [a, b] = [old[field] ?? null, m[field] ?? null];
      if (key(a) !== key(b)) diff.changed.push({ code: m.code, field, from: a, to: b });
    }
  }
  for (const m of from.measures) if (!after.has(m.code)) diff.removed.push(m);
  return diff;
}

/** appliesTo terms combine with AND and actors are a set: their order is no change. */
const key = (v: unknown): string => JSON.stringify(Array.isArray(v) ? [...(v as string[])].sort() : v);

function sameDeadline(a: CatalogueDeadline | null, b: CatalogueDeadline | null): boolean {
  return a === b || (a !== null && b !== null && a.anchor === b.anchor && a.within === b.within);
}

/** The diff has nothing in it. */
export function isEmptyDiff(d: CatalogueDiff): boolean {
  return d.added.length + d.removed.length + d.adoption.length + d.deadlines.length + d.changed.length === 0;
}
