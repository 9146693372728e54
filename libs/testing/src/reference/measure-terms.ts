// The measure terms of INDICATORS.md "Measures of a case" that depend on the catalogue: applies,
// D(m), anchorTime, due.
import { applies, durationMs } from '@trm/domain';
import type { MeasureDefinition } from '@trm/domain';
import { done, enteredSops, optedOut } from './knowledge';
import type { LiveCase } from './knowledge';

/** applies(c,m), with entered(c,s) over all effective records as of T. */
export function appliesTo(c: LiveCase, m: MeasureDefinition): boolean {
  return applies(m, { child: c.child, foreign: c.foreign, origin: c.origin, enteredSops: enteredSops(c) });
}

/** c ∈ D(m) (given that c is in the cohort): applies(c,m) and not optedOut(c,m). */
export function inDenominatorSet(c: LiveCase, m: MeasureDefinition): boolean {
  return appliesTo(c, m) && !optedOut(c, m.code);
}

/** anchorTime(c) for m: openedAt, or done(c, anchor measure); undefined when m has no deadline. */
export function anchorTime(c: LiveCase, m: MeasureDefinition): number | undefined {
  if (!m.deadline) return undefined;
  if (m.deadline.anchor === 'case.opened') return c.openedAt;
  return done(c, m.deadline.anchor);
}

/** due(c,m) = anchorTime(c) + within. */
export function due(c: LiveCase, m: MeasureDefinition): number | undefined {
  const anchor = anchorTime(c, m);
  if (anchor === undefined || !m.deadline) return undefined;
  return anchor + durationMs(m.deadline.within);
}
