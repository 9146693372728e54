// Case-based indicators: measure.*, sop.reach, case.count, case.measures_used.
import type { IndicatorQuery, IndicatorRow } from '../../../indicators/src/indicator.types';
import { CATALOGUE, measurePassesFilters } from './catalogue-facts';
import { caseCohort, cohort, overdueCohort } from './cohort';
import { dimensionsOf, groupingFor, Groups } from './grouping';
import { completed, DAY_MS, done, entered } from './knowledge';
import type { Knowledge, LiveCase } from './knowledge';
import { anchorTime, due, inDenominatorSet, measureOf } from './measure-terms';
import type { ReferenceMeasure } from './catalogue-documents';

/**
 * What V(c) says about measure `code` when c gets a unit of indicator `id` for it: m must be a
 * measure of V(c) passing the measure/SOP filters, with a deadline in V(c) for the deadline
 * indicators and a `before` in V(c) for measure.sequence. (Applicability is checked by the caller.)
 */
export function rowMeasure(c: LiveCase, code: string, id: string, q: IndicatorQuery): ReferenceMeasure | undefined {
  const m = measureOf(c, code);
  if (!m || !measurePassesFilters(m, q)) return undefined;
  if (id === 'measure.timeliness' || id === 'measure.days_to' || id === 'measure.overdue') return m.deadline ? m : undefined;
  if (id === 'measure.sequence') return m.before ? m : undefined;
  return m;
}

function measureDims(c: LiveCase, m: ReferenceMeasure, q: IndicatorQuery) {
  return dimensionsOf(c, groupingFor(q, { toCountry: false }), c.openedAt, { measure: m.code, sop: m.sop });
}

/** measure.compliance, measure.delivery, measure.timeliness, measure.sequence, measure.days_to. */
export function measureIndicator(k: Knowledge, id: string, q: IndicatorQuery): IndicatorRow[] {
  const groups = new Groups();
  for (const code of k.catalogue.codes()) {
    for (const c of cohort(k, q)) {
      const m = rowMeasure(c, code, id, q);
      if (!m || !inDenominatorSet(c, m)) continue;
      const dims = measureDims(c, m, q);
      const d = done(c, m.code);
      switch (id) {
        case 'measure.compliance':
          groups.proportion(dims, d !== undefined, c.caseId);
          break;
        case 'measure.delivery':
          groups.proportion(dims, completed(c, m.code) !== undefined, c.caseId);
          break;
        case 'measure.timeliness': {
          const a = anchorTime(c, m);
          if (d === undefined || a === undefined) break;
          groups.proportion(dims, d <= (due(c, m) as number), c.caseId);
          break;
        }
        case 'measure.days_to': {
          const a = anchorTime(c, m);
          if (d === undefined || a === undefined) break;
          groups.value(dims, (d - a) / DAY_MS, c.caseId);
          break;
        }
        case 'measure.sequence': {
          const b = completed(c, m.before as string);
          if (b === undefined) break;
          groups.proportion(dims, d !== undefined && d <= b, c.caseId);
          break;
        }
        default:
          throw new Error(`not a measure indicator: ${id}`);
      }
    }
  }
  return id === 'measure.days_to' ? groups.distributionRows() : groups.proportionRows();
}

/** The cases counted by measure.overdue, per row (also the source of /v1/gaps). */
export function overdueGroups(k: Knowledge, q: IndicatorQuery): Groups {
  const groups = new Groups();
  for (const code of k.catalogue.codes()) {
    for (const c of overdueCohort(k, q)) {
      const m = rowMeasure(c, code, 'measure.overdue', q);
      if (!m || !inDenominatorSet(c, m)) continue;
      const dueAt = due(c, m);
      if (dueAt === undefined || !(dueAt < k.asOf)) continue;
      const d = done(c, m.code);
      if (d !== undefined && d <= k.asOf) continue;
      if (c.closures.some((closedAt) => closedAt <= dueAt)) continue;
      groups.count(measureDims(c, m, q), c.caseId);
    }
  }
  return groups;
}

/** sop.reach: per SOP s, cohort cases with entered(c,s) over the cohort. */
export function sopReach(k: Knowledge, q: IndicatorQuery): IndicatorRow[] {
  const groups = new Groups();
  const sops = CATALOGUE.sops.map((s) => s.sop).filter((s) => !q.sops?.length || q.sops.includes(s));
  const groupBy = groupingFor(q, { toCountry: false });
  for (const sop of sops) {
    for (const c of cohort(k, q)) groups.proportion(dimensionsOf(c, groupBy, c.openedAt, { sop }), entered(c, sop), c.caseId);
  }
  return groups.proportionRows();
}

export function caseCount(k: Knowledge, q: IndicatorQuery): IndicatorRow[] {
  const groups = new Groups();
  const groupBy = groupingFor(q, { toCountry: false });
  for (const c of caseCohort(k, q)) groups.count(dimensionsOf(c, groupBy, c.openedAt), c.caseId);
  return groups.countRows();
}

/** case.measures_used: per cohort case, the number of distinct measures with done(c,m) defined. */
export function measuresUsed(k: Knowledge, q: IndicatorQuery): IndicatorRow[] {
  const groups = new Groups();
  const groupBy = groupingFor(q, { toCountry: false });
  for (const c of caseCohort(k, q)) {
    const used = [...c.records.keys()].filter((code) => done(c, code) !== undefined).length;
    groups.value(dimensionsOf(c, groupBy, c.openedAt), used, c.caseId);
  }
  return groups.distributionRows();
}
