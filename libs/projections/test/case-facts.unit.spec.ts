import fc from 'fast-check';
import { decide, emptyCaseState, evolve, findMeasure, getCatalogue } from '@trm/domain';
import type { Catalogue, CaseState, MeasureStatus } from '@trm/domain';
import { arbitraryHistory, pickAsOfTimes, toReferenceEvents } from '@trm/testing/generators';
import { completed, done, instant, knowledgeAsOf, optedOut } from '@trm/testing/reference/knowledge';
import type { LiveCase, ReferenceEvent } from '@trm/testing/reference/knowledge';
import { anchorTime, appliesTo, due } from '@trm/testing/reference/measure-terms';
import { closure } from '@trm/testing/reference/outcome-indicators';
import { CASE_REMOVED, caseFacts, emptyHistory, firstClosure, foldEvent, foldHistory } from '../src/case-facts';
import type { CaseHistory, CaseViewFacts, FoldedEvent } from '../src/case-facts';
import { CatalogueRules, catalogueRules } from '../src/catalogue-rules';

/**
 * The case-facts fold on its own: hand-written histories for each rule it applies, then random
 * histories (those events the case rules accept) against the reference implementation's terms.
 */

const BASELINE = catalogueRules();
const DAY = 86_400_000;
const T0 = '2024-03-01T10:00:00.000Z';
const at = (days: number, base = T0): string => new Date(Date.parse(base) + days * DAY).toISOString();

/** Stored events of one case, as the store hands them to the fold. */
class CaseEvents {
  readonly events: FoldedEvent[] = [];
  private n = 0;

  constructor(private readonly caseId = 'case-1', private readonly country = 'BG') {}

  private push(fields: Record<string, unknown>, occurredAt: string, recordedAt: string, eventId?: string): string {
    const id = eventId ?? `00000000-0000-4000-8000-${String(++this.n).padStart(12, '0')}`;
    const data = { eventId: id, schemaVersion: 1, caseId: this.caseId, country: this.country, occurredAt, ...fields };
    this.events.push({ eventId: id, data, metadata: { recordedAt } });
    return id;
  }

  open(profile: Record<string, unknown> = {}, occurredAt = T0, recordedAt = at(1)): string {
    const p = { ageBand: '25-34', sex: 'female', citizenship: this.country, exploitation: ['sexual'], countryRole: 'destination', ...profile };
    return this.push({ type: 'case.opened', profile: p }, occurredAt, recordedAt);
  }

  measure(measure: string, status: MeasureStatus, occurredAt: string, recordedAt = at(1)): string {
    return this.push({ type: 'measure.recorded', measure, status, actor: 'ngo' }, occurredAt, recordedAt);
  }

  closed(occurredAt: string, recordedAt = at(1), eventId?: string, reason = 'other'): string {
    return this.push({ type: 'case.closed', reason }, occurredAt, recordedAt, eventId);
  }

  retract(eventId: string, recordedAt = at(1)): string {
    return this.push({ type: 'event.retracted', retractsEventId: eventId, reason: 'data_entry_error' }, recordedAt, recordedAt);
  }

  history(): CaseHistory {
    return foldHistory(this.events);
  }

  facts(rules: CatalogueRules = BASELINE): CaseViewFacts | undefined {
    return caseFacts(this.history(), rules);
  }
}

describe('case facts: opening and retraction', () => {
  it('has no facts without an effective case.opened', () => {
    const c = new CaseEvents();
    c.measure('SOP1.M1', 'offered', at(0));
    expect(c.facts()).toBeUndefined();
    const opened = c.open();
    expect(c.facts()).toBeDefined();
    c.retract(opened.toUpperCase()); // retractions name events case-insensitively
    expect(c.facts()).toBeUndefined();
  });

  it('reads the case attributes from the first opening; a second one changes nothing', () => {
    const c = new CaseEvents('case-1', 'IT');
    c.open({ ageBand: '12-14', citizenship: 'AL', countryRole: 'origin', exploitation: ['labour', 'sexual'] });
    c.open({ ageBand: '25-34', citizenship: 'IT' }, at(2));
    const opened = c.history().opened!;
    expect(opened).toMatchObject({
      caseId: 'case-1', country: 'IT', openedAt: T0, openedMs: Date.parse(T0), citizenship: 'AL', countryRole: 'origin',
      exploitation: ['labour', 'sexual'], child: true, foreign: true, origin: true,
    });
  });

  it('says what stopped counting: the whole case, or the one event a retraction names', () => {
    const c = new CaseEvents();
    const h = emptyHistory();
    const opened = c.open();
    const m = c.measure('SOP1.M1', 'offered', at(0));
    c.retract(m.toUpperCase());
    c.retract(opened);
    const answers = c.events.map((e) => foldEvent(h, e));
    expect(answers).toEqual([undefined, undefined, m.toLowerCase(), CASE_REMOVED]);
    expect(h.removed).toBe(true);
  });

  it('drops a retracted record from every fact, and the next record takes its place', () => {
    const c = new CaseEvents();
    c.open();
    const first = c.measure('SOP1.M1', 'offered', at(1));
    c.measure('SOP1.M1', 'completed', at(2));
    expect(c.facts()!.pairs.get('SOP1.M1')).toMatchObject({ doneMs: Date.parse(at(1)), completedMs: Date.parse(at(2)) });
    c.retract(first);
    expect(c.facts()!.pairs.get('SOP1.M1')).toMatchObject({ doneMs: Date.parse(at(2)), completedMs: Date.parse(at(2)) });
  });

  it('keeps a pair whose only records were retracted out of the facts', () => {
    const c = new CaseEvents();
    c.open();
    c.retract(c.measure('SOP2.M4', 'offered', at(1)));
    const f = c.facts()!;
    expect(f.pairs.has('SOP2.M4')).toBe(false);
    expect(f.row).toEqual({ enteredMask: 0, closedMs: undefined, measuresUsed: 0, closureReason: '', catalogue: 'trm-baseline-1' });
  });
});

describe('case facts: the first closure', () => {
  it('is the earliest effective case.closed by occurredAt; retracting it falls back to the next', () => {
    const c = new CaseEvents();
    c.open();
    c.closed(at(10));
    const early = c.closed(at(5));
    expect(c.facts()!.row.closedMs).toBe(Date.parse(at(5)));
    c.retract(early);
    expect(c.facts()!.row.closedMs).toBe(Date.parse(at(10)));
    expect(firstClosure(c.history())!.occurredMs).toBe(Date.parse(at(10)));
  });

  it('breaks ties on occurredAt by the earlier recordedAt, then by the smaller eventId, whatever the store order', () => {
    const c = new CaseEvents();
    c.open();
    c.closed(at(5), at(20), 'cccccccc-0000-4000-8000-000000000000', 'lost_contact');
    c.closed(at(5), at(10), 'dddddddd-0000-4000-8000-000000000000', 'deceased');
    expect(firstClosure(c.history())!.eventId).toBe('dddddddd-0000-4000-8000-000000000000');
    expect(c.facts()!.row.closureReason).toBe('deceased');
    c.closed(at(5), at(10), 'bbbbbbbb-0000-4000-8000-000000000000', 'assistance_declined');
    expect(firstClosure(c.history())!.eventId).toBe('bbbbbbbb-0000-4000-8000-000000000000');
    c.closed(at(5), at(10), 'aaaaaaaa-0000-4000-8000-000000000000', 'other');
    expect(c.facts()!.row.closureReason).toBe('other');
    c.retract('aaaaaaaa-0000-4000-8000-000000000000');
    expect(firstClosure(c.history())!.eventId).toBe('bbbbbbbb-0000-4000-8000-000000000000');
    expect(c.facts()!.row).toMatchObject({ closedMs: Date.parse(at(5)), closureReason: 'assistance_declined' });
  });
});

describe('case facts: measures offered, completed, declined, not applicable', () => {
  it('done is the earliest offered/completed/declined, completed the earliest completed, whatever the order recorded', () => {
    const c = new CaseEvents();
    c.open();
    c.measure('SOP1.M1', 'completed', at(4));
    c.measure('SOP1.M1', 'declined', at(2));
    c.measure('SOP1.M1', 'completed', at(3));
    c.measure('SOP1.M1', 'offered', at(2)); // a tie on occurredAt: the same done
    expect(c.facts()!.pairs.get('SOP1.M1')).toMatchObject({ doneMs: Date.parse(at(2)), completedMs: Date.parse(at(3)), notApplicable: false });
  });

  it('declined and offered count as done, never as completed', () => {
    const c = new CaseEvents();
    c.open();
    c.measure('SOP1.M2', 'declined', at(1));
    c.measure('SOP1.M3', 'offered', at(1));
    const f = c.facts()!;
    expect(f.pairs.get('SOP1.M2')).toMatchObject({ doneMs: Date.parse(at(1)), completedMs: undefined });
    expect(f.pairs.get('SOP1.M3')).toMatchObject({ doneMs: Date.parse(at(1)), completedMs: undefined });
    expect(f.row.measuresUsed).toBe(2);
  });

  it('not_applicable alone opts the case out (no deadline fact) and enters no SOP; with a done record it does not', () => {
    const c = new CaseEvents();
    c.open();
    c.measure('SOP1.M1', 'not_applicable', at(0.5));
    let f = c.facts()!;
    expect(f.pairs.get('SOP1.M1')).toMatchObject({ notApplicable: true, doneMs: undefined, sop: 1 });
    expect(f.row).toEqual({ enteredMask: 0, closedMs: undefined, measuresUsed: 0, closureReason: '', catalogue: 'trm-baseline-1' });
    expect(f.deadlines.has('SOP1.M1')).toBe(false);
    c.measure('SOP1.M1', 'offered', at(5));
    f = c.facts()!;
    expect(f.pairs.get('SOP1.M1')).toMatchObject({ notApplicable: true, doneMs: Date.parse(at(5)) });
    expect(f.row).toEqual({ enteredMask: 1 << 1, closedMs: undefined, measuresUsed: 1, closureReason: '', catalogue: 'trm-baseline-1' });
    expect(f.deadlines.get('SOP1.M1')).toEqual({ measure: 'SOP1.M1', sop: 1, dueMs: Date.parse(at(3)), doneMs: Date.parse(at(5)) });
  });

  it('enters each SOP with a record other than not_applicable', () => {
    const c = new CaseEvents();
    c.open();
    c.measure('SOP3.M2', 'offered', at(1));
    c.measure('SOP4.M5', 'not_applicable', at(1));
    c.measure('SOP5.M1', 'declined', at(1));
    expect(c.facts()!.row.enteredMask).toBe((1 << 3) | (1 << 5));
  });
});

describe('case facts: deadlines, anchors, before, applicability', () => {
  it('anchors on the opening or on the anchor measure\'s done; undefined anchor, no due', () => {
    const c = new CaseEvents();
    c.open();
    c.measure('SOP1.M3', 'offered', at(9)); // anchored on SOP1.M1, not yet done
    let p = c.facts()!.pairs.get('SOP1.M3')!;
    expect(p).toMatchObject({ anchorMs: undefined, dueMs: undefined, closedByDue: false });
    c.measure('SOP1.M1', 'offered', at(2));
    p = c.facts()!.pairs.get('SOP1.M3')!;
    expect(p).toMatchObject({ anchorMs: Date.parse(at(2)), dueMs: Date.parse(at(3)) });
    expect(c.facts()!.pairs.get('SOP1.M1')).toMatchObject({ anchorMs: Date.parse(T0), dueMs: Date.parse(at(3)) });
  });

  it('lists every measure with a deadline that can be overdue, with or without records', () => {
    const c = new CaseEvents();
    c.open(); // adult, not foreign, not origin
    let codes = [...c.facts()!.deadlines.keys()];
    // Anchored on the opening, applicable to an adult national case:
    expect(codes).toEqual(['SOP1.M1', 'SOP1.M2', 'SOP2.M4']);
    c.measure('SOP1.M1', 'offered', at(1));
    codes = [...c.facts()!.deadlines.keys()];
    expect(codes).toEqual(['SOP1.M1', 'SOP1.M2', 'SOP1.M3', 'SOP1.M5', 'SOP2.M4']);
    expect(c.facts()!.deadlines.get('SOP1.M5')).toEqual({ measure: 'SOP1.M5', sop: 1, dueMs: Date.parse(at(61)), doneMs: undefined });
  });

  it('a closure at or before the due time: closed by due, never overdue', () => {
    const c = new CaseEvents();
    c.open();
    c.measure('SOP1.M1', 'offered', at(5));
    c.closed(at(3)); // exactly at due(SOP1.M1) = opened + P3D
    const f = c.facts()!;
    expect(f.pairs.get('SOP1.M1')).toMatchObject({ closedByDue: true, dueMs: Date.parse(at(3)) });
    expect(f.deadlines.has('SOP1.M1')).toBe(false);
    expect(f.deadlines.has('SOP2.M4')).toBe(true); // due at 2 days: closed after it, still overdue
    expect(f.deadlines.has('SOP1.M5')).toBe(false); // due at 5 + 60 days: closed long before
  });

  it('evaluates appliesTo: child, adult, foreign, origin and the entered:SOP term', () => {
    const adult = new CaseEvents();
    adult.open({ citizenship: 'RO' }); // foreign adult
    adult.measure('SOP3.M5', 'offered', at(1));
    expect(adult.facts()!.pairs.get('SOP3.M5')).toMatchObject({ enteredOk: true, applies: true });
    expect(adult.facts()!.deadlines.has('SOP2.M6')).toBe(true); // foreign, anchored on the opening

    const child = new CaseEvents();
    child.open({ ageBand: '25-34', presumedMinor: true });
    child.measure('SOP3.M5', 'not_applicable', at(1)); // adult-only; and not_applicable enters no SOP
    expect(child.facts()!.pairs.get('SOP3.M5')).toMatchObject({ enteredOk: false, applies: false });
    expect([...child.facts()!.deadlines.keys()]).toContain('SOP1.C1');
    child.measure('SOP3.M2', 'offered', at(1));
    expect(child.facts()!.pairs.get('SOP3.M5')).toMatchObject({ enteredOk: true, applies: false });

    const origin = new CaseEvents();
    origin.open({ countryRole: 'origin' });
    expect(origin.facts()!.deadlines.has('SOP4.M6')).toBe(false); // needs entered:SOP4
    origin.measure('SOP4.M5', 'offered', at(0.5));
    expect(origin.facts()!.deadlines.get('SOP4.M6')).toMatchObject({ sop: 4, dueMs: Date.parse(at(1)) });
  });

  it('reads the before measure\'s completion; hub measures carry the case\'s entered SOPs and closure', () => {
    const c = new CaseEvents();
    c.open();
    c.measure('SOP4.M1', 'offered', at(1));
    expect(c.facts()!.pairs.get('SOP4.M1')).toMatchObject({ beforeCompletedMs: undefined, enteredMask: 0, closedMs: undefined });
    c.measure('SOP4.M5', 'offered', at(2));
    expect(c.facts()!.pairs.get('SOP4.M1')!.beforeCompletedMs).toBeUndefined();
    c.measure('SOP4.M5', 'completed', at(3));
    c.closed(at(30));
    const f = c.facts()!;
    expect(f.pairs.get('SOP4.M1')).toMatchObject({ beforeCompletedMs: Date.parse(at(3)), enteredMask: 0, closedMs: undefined });
    // SOP4.M5 is the `before` of SOP4.M1: a hub.
    expect(f.pairs.get('SOP4.M5')).toMatchObject({ enteredMask: 1 << 4, closedMs: Date.parse(at(30)) });
  });

  it('takes its rules from the catalogue document passed in', () => {
    const baseline = getCatalogue()!;
    const national: Catalogue = {
      ...baseline,
      version: 'test-national',
      measures: baseline.measures.map((m) => (m.code === 'SOP1.M1' ? { ...m, deadline: { anchor: 'case.opened', within: 'P10D' } } : m)),
    };
    const c = new CaseEvents();
    c.open();
    c.measure('SOP1.M1', 'offered', at(5));
    expect(c.facts()!.pairs.get('SOP1.M1')!.dueMs).toBe(Date.parse(at(3)));
    const rules = new CatalogueRules(national);
    expect(rules.version).toBe('test-national');
    expect(c.facts(rules)!.pairs.get('SOP1.M1')!.dueMs).toBe(Date.parse(at(10)));
    expect(c.facts(rules)!.deadlines.get('SOP1.M1')!.dueMs).toBe(Date.parse(at(10)));
  });
});

/** The events of a generated history that the case rules accept, in order (what the store would hold). */
function accepted(events: ReferenceEvent[]): ReferenceEvent[] {
  const states = new Map<string, CaseState>();
  return events.filter((e) => {
    const state = states.get(e.data.caseId) ?? emptyCaseState(e.data.caseId);
    states.set(e.data.caseId, state);
    if (decide(state, e.data).length) return false;
    evolve(state, e.data);
    return true;
  });
}

const folded = (e: ReferenceEvent): FoldedEvent => ({ eventId: e.data.eventId, data: e.data as unknown as Record<string, unknown>, metadata: { recordedAt: e.recordedAt } });

/** The facts of a live case as the reference's terms define them. */
function expectedFacts(c: LiveCase): unknown {
  const catalogue = getCatalogue()!;
  const closed = closure(c);
  const closedMs = closed && instant(closed.occurredAt);
  const enteredMask = [...c.records].reduce((mask, [code, rs]) => (rs.some((r) => r.status !== 'not_applicable') ? mask | (1 << findMeasure(catalogue, code)!.sop) : mask), 0);
  const hubs = new Set(catalogue.measures.flatMap((m) => [m.deadline?.anchor, m.before]));
  const pairs = [...c.records.keys()].map((code) => {
    const m = findMeasure(catalogue, code)!;
    const dueMs = due(c, m);
    const enteredTerm = m.appliesTo.find((t) => t.startsWith('entered:SOP'));
    return {
      measure: code, sop: m.sop, doneMs: done(c, code), completedMs: completed(c, code),
      enteredOk: !enteredTerm || (enteredMask & (1 << Number(enteredTerm.slice('entered:SOP'.length)))) !== 0,
      notApplicable: c.records.get(code)!.some((r) => r.status === 'not_applicable'),
      anchorMs: anchorTime(c, m), beforeCompletedMs: m.before === undefined ? undefined : completed(c, m.before),
      applies: appliesTo(c, m), dueMs,
      closedByDue: dueMs !== undefined && closedMs !== undefined && closedMs <= dueMs,
      enteredMask: hubs.has(code) ? enteredMask : 0, closedMs: hubs.has(code) ? closedMs : undefined, catalogue: hubs.has(code) ? catalogue.version : '',
    };
  });
  const deadlines = catalogue.measures.filter((m) => {
    const dueMs = due(c, m);
    return m.deadline && appliesTo(c, m) && !optedOut(c, m.code) && dueMs !== undefined && !(closedMs !== undefined && closedMs <= dueMs);
  }).map((m) => ({ measure: m.code, sop: m.sop, dueMs: due(c, m), doneMs: done(c, m.code) }));
  return {
    row: {
      enteredMask, closedMs, measuresUsed: [...c.records.keys()].filter((code) => done(c, code) !== undefined).length,
      closureReason: closed?.reason ?? '', catalogue: catalogue.version,
    },
    pairs: pairs.sort((a, b) => a.measure.localeCompare(b.measure)),
    deadlines: deadlines.sort((a, b) => a.measure.localeCompare(b.measure)),
  };
}

function actualFacts(f: CaseViewFacts): unknown {
  const byCode = <T extends { measure: string }>(xs: Iterable<T>) => [...xs].sort((a, b) => a.measure.localeCompare(b.measure));
  return {
    row: f.row,
    pairs: byCode(f.pairs.values()),
    deadlines: byCode(f.deadlines.values()),
  };
}

describe('case facts = the reference implementation (random histories)', () => {
  it('agrees on every live case, as of several knowledge times', () => {
    let cases = 0;
    fc.assert(
      fc.property(arbitraryHistory({ maxCases: 25, maxEvents: 400 }), (history) => {
        const events = accepted(toReferenceEvents(history));
        for (const asOf of [...pickAsOfTimes(history, 2), new Date('2100-01-01T00:00:00Z')]) {
          const known = events.filter((e) => instant(e.recordedAt) <= asOf.getTime());
          const k = knowledgeAsOf(known, asOf);
          const byCase = new Map<string, ReferenceEvent[]>();
          for (const e of known) byCase.set(e.data.caseId, [...(byCase.get(e.data.caseId) ?? []), e]);
          for (const [caseId, caseEvents] of byCase) {
            const f = caseFacts(foldHistory(caseEvents.map(folded)), BASELINE);
            const live = k.cases.get(caseId);
            expect({ caseId, live: f !== undefined }).toEqual({ caseId, live: live !== undefined });
            if (!f || !live) continue;
            cases++;
            expect({ caseId, facts: actualFacts(f) }).toEqual({ caseId, facts: expectedFacts(live) });
            expect(firstClosure(foldHistory(caseEvents.map(folded)))?.eventId).toBe(closure(live)?.eventId);
          }
        }
      }),
      { numRuns: 40, seed: 14 },
    );
    expect(cases).toBeGreaterThan(200);
  });
});
