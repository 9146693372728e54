// The measure terms of INDICATORS.md "Measures of a case" that depend on the catalogue: applies,
// D(m), anchorTime, due. The measure `m` passed in is what V(c) says about it (c.rules).
import { done, enteredSops, optedOut } from './knowledge';
import type { LiveCase } from './knowledge';
import type { ReferenceMeasure } from './catalogue-documents';

/** `PnD` is exactly n × 24 hours (the only duration form the catalogue uses). */
export function durationMs(iso: string): number {
  const m = /^P(\d+)D$/.exec(iso);
  if (!m) throw new Error(`unsupported duration ${iso}`);
  return Number(m[1]) * 86_400_000;
}

/** One applicability term of CATALOGUE.md for case c. */
function term(c: LiveCase, t: string): boolean {
  if (t === 'all') return true;
  if (t === 'child') return c.child;
  if (t === 'adult') return !c.child;
  if (t === 'foreign') return c.foreign;
  if (t === 'origin') return c.origin;
  const entered = /^entered:SOP(\d)$/.exec(t);
  if (!entered) throw new Error(`unknown applicability term ${t}`);
  return enteredSops(c).has(Number(entered[1]));
}

/**
 * applies(c,m): m is a measure of V(c) (the caller looked it up there), V(c) does not mark it
 * `adopted: false`, and every term of its appliesTo holds (entered(c,s) over all effective records as of T).
 */
export function appliesTo(c: LiveCase, m: ReferenceMeasure): boolean {
  if (m.adopted === false) return false;
  return m.appliesTo.every((t) => term(c, t));
}

/** c ∈ D(m) (given that c is in the cohort): applies(c,m) and not optedOut(c,m). */
export function inDenominatorSet(c: LiveCase, m: ReferenceMeasure): boolean {
  return appliesTo(c, m) && !optedOut(c, m.code);
}

/** anchorTime(c) for m: openedAt, or done(c, anchor measure); undefined when m has no deadline. */
export function anchorTime(c: LiveCase, m: ReferenceMeasure): number | undefined {
  if (!m.deadline) return undefined;
  if (m.deadline.anchor === 'case.opened') return c.openedAt;
  return done(c, m.deadline.anchor);
}

/** due(c,m) = anchorTime(c) + within. */
export function due(c: LiveCase, m: ReferenceMeasure): number | undefined {
  const anchor = anchorTime(c, m);
  if (anchor === undefined || !m.deadline) return undefined;
  return anchor + durationMs(m.deadline.within);
}

/** What V(c) says about measure `code`, or undefined when V(c) has no such measure. */
export function measureOf(c: LiveCase, code: string): ReferenceMeasure | undefined {
  return c.rules.measures.get(code);
}
