// The history generator: schema shape, case rules, batch ordering, coverage; and the reference run on it.
import fc from 'fast-check';
import {
  ACTORS,
  AGE_BANDS,
  CLOSURE_REASONS,
  COUNTRY_ROLES,
  EXPLOITATION_FORMS,
  MEASURE_STATUSES,
  REFERRAL_OUTCOMES,
  REFERRAL_PURPOSES,
  RETRACTION_REASONS,
  SEXES,
  findMeasure,
  getCatalogue,
  isChild,
} from '@trm/domain';
import type { SubmittedEvent } from '@trm/domain';
import type { Dimension, IndicatorRow } from '../../indicators/src/indicator.types';
import { arbitraryHistory, DEFAULT_COUNTRIES, pickAsOfTimes, toReferenceEvents } from '../src/generators';
import type { History } from '../src/generators';
import { REFERENCE_INDICATOR_IDS, referenceIndicator, query } from '../src/reference';

const catalogue = getCatalogue()!;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const CASE_REF = /^[A-Za-z0-9._:/-]{1,64}$/;
const REFERRAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const COUNTRY = /^[A-Z]{2}$/;
const DAY = 86_400_000;
const COMMON = ['eventId', 'type', 'schemaVersion', 'country', 'caseRef', 'occurredAt'];
const FIELDS: Record<string, { required: string[]; optional?: string[] }> = {
  'case.opened': { required: ['profile'] },
  'measure.recorded': { required: ['measure', 'status', 'actor'], optional: ['catalogueVersion', 'checklist'] },
  'referral.sent': { required: ['referralId', 'toCountry', 'purpose', 'consent'] },
  'referral.received': { required: ['referralId', 'fromCountry'] },
  'referral.feedback': { required: ['referralId', 'toCountry', 'outcome'] },
  'case.closed': { required: ['reason'] },
  'event.retracted': { required: ['retractsEventId', 'reason'] },
};

const histories = fc.sample(arbitraryHistory(), { numRuns: 50, seed: 20_240_301 });
const all = (h: History) =>
  h.batches.flatMap((b, batch) => b.events.map((e) => ({ e, batch, recordedAt: b.recordedAt })));
const at = (iso: string) => Date.parse(iso);

/** Problems with one event's shape (CONTRACT §1), as strings. */
function shapeProblems(e: SubmittedEvent): string[] {
  const p: string[] = [];
  const spec = FIELDS[e.type];
  if (!spec) return [`type ${e.type}`];
  const allowed = new Set([...COMMON, ...spec.required, ...(spec.optional ?? [])]);
  for (const k of Object.keys(e)) if (!allowed.has(k)) p.push(`unknown property ${k}`);
  const fields = e as unknown as Record<string, unknown>;
  for (const k of [...COMMON, ...spec.required]) if (fields[k] === undefined) p.push(`missing ${k}`);
  if (!UUID.test(e.eventId)) p.push(`eventId ${e.eventId}`);
  if (e.schemaVersion !== 1) p.push('schemaVersion');
  if (!COUNTRY.test(e.country)) p.push(`country ${e.country}`);
  if (!CASE_REF.test(e.caseRef)) p.push(`caseRef ${e.caseRef}`);
  if (!RFC3339.test(e.occurredAt) || Number.isNaN(at(e.occurredAt))) p.push(`occurredAt ${e.occurredAt}`);
  switch (e.type) {
    case 'case.opened': {
      const pr = e.profile;
      if (!AGE_BANDS.includes(pr.ageBand) || !SEXES.includes(pr.sex) || !COUNTRY_ROLES.includes(pr.countryRole))
        p.push('profile vocab');
      if (pr.citizenship !== 'unknown' && !COUNTRY.test(pr.citizenship)) p.push('citizenship');
      const forms = pr.exploitation;
      if (
        forms.length < 1 ||
        forms.length > 8 ||
        new Set(forms).size !== forms.length ||
        !forms.every((f) => EXPLOITATION_FORMS.includes(f))
      )
        p.push('exploitation');
      if (pr.presumedMinor !== undefined && typeof pr.presumedMinor !== 'boolean') p.push('presumedMinor');
      for (const k of Object.keys(pr))
        if (!['ageBand', 'sex', 'citizenship', 'exploitation', 'countryRole', 'presumedMinor'].includes(k))
          p.push(`profile.${k}`);
      break;
    }
    case 'measure.recorded':
      if (!findMeasure(catalogue, e.measure)) p.push(`measure ${e.measure}`);
      if (!MEASURE_STATUSES.includes(e.status) || !ACTORS.includes(e.actor)) p.push('measure vocab');
      if (e.catalogueVersion !== undefined && e.catalogueVersion !== catalogue.version) p.push('catalogueVersion');
      break;
    case 'referral.sent':
      if (!REFERRAL_ID.test(e.referralId) || !COUNTRY.test(e.toCountry) || !REFERRAL_PURPOSES.includes(e.purpose))
        p.push('sent');
      if (e.consent !== true) p.push('consent');
      if (e.toCountry === e.country) p.push('referral to itself');
      break;
    case 'referral.received':
      if (!REFERRAL_ID.test(e.referralId) || !COUNTRY.test(e.fromCountry)) p.push('received');
      break;
    case 'referral.feedback':
      if (!REFERRAL_ID.test(e.referralId) || !COUNTRY.test(e.toCountry) || !REFERRAL_OUTCOMES.includes(e.outcome))
        p.push('feedback');
      break;
    case 'case.closed':
      if (!CLOSURE_REASONS.includes(e.reason)) p.push('closure reason');
      break;
    case 'event.retracted':
      if (!UUID.test(e.retractsEventId) || !RETRACTION_REASONS.includes(e.reason)) p.push('retraction');
      break;
  }
  return p;
}

/** Violations of the case rules (CONTRACT §1), walking the submissions in order. */
function ruleProblems(h: History): string[] {
  const p: string[] = [];
  const cases = new Map<string, { child: boolean; closedAt?: number; gone: boolean }>();
  const seen = new Map<string, SubmittedEvent>();
  const retracted = new Set<string>();
  for (const { e } of all(h)) {
    const key = `${e.country}|${e.caseRef}`;
    const c = cases.get(key);
    if (e.type === 'case.opened') {
      if (c) p.push(`case_exists ${key}`);
      else cases.set(key, { child: isChild(e.profile), gone: false });
    } else if (!c) p.push(`unknown_case ${key}`);
    else {
      if (c.gone) p.push(`event after the case was retracted ${key}`);
      if (e.type !== 'event.retracted' && c.closedAt !== undefined && at(e.occurredAt) > c.closedAt)
        p.push(`case_closed ${e.eventId}`);
      if (e.type === 'measure.recorded' && findMeasure(catalogue, e.measure)?.childSpecific && !c.child)
        p.push(`not_applicable_to_case ${e.eventId}`);
      if (e.type === 'case.closed') c.closedAt = at(e.occurredAt);
      if (e.type === 'event.retracted') {
        const target = seen.get(e.retractsEventId);
        if (!target) p.push(`unknown_event ${e.retractsEventId}`);
        else if (`${target.country}|${target.caseRef}` !== key) p.push(`retraction across cases ${e.eventId}`);
        else if (target.type === 'event.retracted') p.push(`cannot_retract_retraction ${e.eventId}`);
        if (retracted.has(e.retractsEventId)) p.push(`retracted twice ${e.retractsEventId}`);
        retracted.add(e.retractsEventId);
        if (target?.type === 'case.opened') c.gone = true;
      }
    }
    seen.set(e.eventId, e);
  }
  // Stricter than the service: nothing of a case, even reported before its closure, happened after it.
  const closures = new Map(
    all(h)
      .filter(({ e }) => e.type === 'case.closed')
      .map(({ e }) => [`${e.country}|${e.caseRef}`, at(e.occurredAt)]),
  );
  for (const { e } of all(h)) {
    const closedAt = closures.get(`${e.country}|${e.caseRef}`);
    if (e.type !== 'event.retracted' && closedAt !== undefined && at(e.occurredAt) > closedAt)
      p.push(`after closure ${e.eventId}`);
  }
  return p;
}

describe('arbitraryHistory', () => {
  it('draws 50 histories of valid, uniquely identified events in strictly increasing batches', () => {
    for (const h of histories) {
      const events = all(h);
      expect(h.batches.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThanOrEqual(600);
      expect(events.filter(({ e }) => e.type === 'case.opened').length).toBeGreaterThanOrEqual(5);
      expect(new Set(events.map(({ e }) => e.eventId)).size).toBe(events.length);
      for (let i = 1; i < h.batches.length; i++)
        expect(at(h.batches[i].recordedAt)).toBeGreaterThan(at(h.batches[i - 1].recordedAt));
      for (const b of h.batches) {
        expect(b.recordedAt).toBe(new Date(at(b.recordedAt)).toISOString());
        expect(b.events.length).toBeGreaterThan(0);
      }
      for (const { e, recordedAt } of events) {
        expect(shapeProblems(e)).toEqual([]);
        expect(at(e.occurredAt)).toBeLessThanOrEqual(at(recordedAt));
        expect(DEFAULT_COUNTRIES).toContain(e.country);
      }
      expect(ruleProblems(h)).toEqual([]);
    }
  });

  it('covers the situations the indicators distinguish (over 100 histories)', () => {
    const seen = new Set<string>();
    for (const h of fc.sample(arbitraryHistory(), { numRuns: 100, seed: 7 })) {
      const events = all(h);
      const byId = new Map(events.map((x) => [x.e.eventId, x]));
      const opened = new Map<string, SubmittedEvent & { type: 'case.opened' }>();
      for (const { e } of events) if (e.type === 'case.opened') opened.set(`${e.country}|${e.caseRef}`, e);
      const caseOf = (e: SubmittedEvent) => opened.get(`${e.country}|${e.caseRef}`)!;
      const records = new Map<string, number>();
      const sent = new Map<string, SubmittedEvent & { type: 'referral.sent' }>();
      for (const { e } of events) if (e.type === 'referral.sent') sent.set(e.referralId, e);
      for (const { e, batch, recordedAt } of events) {
        if (at(recordedAt) - at(e.occurredAt) >= 7 * DAY) seen.add('late report');
        if (!e.occurredAt.endsWith('Z')) seen.add('non-Z offset');
        switch (e.type) {
          case 'case.opened': {
            const pr = e.profile;
            seen.add(`country ${e.country}`).add(`role ${pr.countryRole}`).add(`forms ${pr.exploitation.length}`);
            if (['0-11', '12-14', '15-17'].includes(pr.ageBand)) seen.add('child by age band');
            else if (pr.presumedMinor) seen.add('child by presumedMinor');
            seen.add(
              pr.citizenship === e.country
                ? 'own national'
                : pr.citizenship === 'unknown'
                  ? 'unknown citizenship'
                  : 'foreign national',
            );
            break;
          }
          case 'measure.recorded': {
            seen.add(`status ${e.status}`).add(`SOP${e.measure[3]}`);
            const key = `${e.country}|${e.caseRef}|${e.measure}`;
            records.set(key, (records.get(key) ?? 0) + 1);
            if (records.get(key) === 2) seen.add('repeated measure');
            if ((at(e.occurredAt) - at(caseOf(e).occurredAt)) % DAY === 0) seen.add('whole days after opening');
            if (['SOP4.M6', 'SOP4.M7', 'SOP4.M8'].includes(e.measure) && caseOf(e).profile.countryRole === 'origin')
              seen.add('origin reception');
            if (/^SOP4\.(M[1-4]|C1)$/.test(e.measure)) {
              const ret = events.find(
                (x) =>
                  x.e.type === 'measure.recorded' &&
                  x.e.measure === 'SOP4.M5' &&
                  x.e.status === 'completed' &&
                  x.e.caseRef === e.caseRef &&
                  x.e.country === e.country,
              );
              if (ret)
                seen.add(
                  at(e.occurredAt) <= at(ret.e.occurredAt) ? 'pre-return before return' : 'pre-return after return',
                );
            }
            break;
          }
          case 'referral.received': {
            const s = sent.get(e.referralId);
            if (!s) break;
            if (e.country !== s.toCountry || e.fromCountry !== s.country)
              seen.add('received by/from the wrong country');
            else {
              const d = at(e.occurredAt) - at(s.occurredAt);
              seen.add(d < 0 ? 'received before sending' : d <= 7 * DAY ? 'received within P7D' : 'received after P7D');
            }
            break;
          }
          case 'referral.feedback': {
            const s = sent.get(e.referralId);
            if (s && e.country === s.toCountry && e.toCountry === s.country) {
              seen.add(
                at(e.occurredAt) - at(s.occurredAt) <= 90 * DAY ? 'feedback within P90D' : 'feedback after P90D',
              );
            }
            break;
          }
          case 'case.closed':
            seen.add('closure');
            break;
          case 'event.retracted': {
            const target = byId.get(e.retractsEventId)!;
            seen.add(`retraction of ${target.e.type}`);
            seen.add(target.batch < batch ? 'retraction in a later batch' : 'retraction in the same batch');
            break;
          }
        }
      }
    }
    const expected = [
      ...DEFAULT_COUNTRIES.map((c) => `country ${c}`),
      'role origin',
      'role transit',
      'role destination',
      'forms 1',
      'forms 2',
      'forms 3',
      'child by age band',
      'child by presumedMinor',
      'own national',
      'foreign national',
      'unknown citizenship',
      'status offered',
      'status completed',
      'status declined',
      'status not_applicable',
      'repeated measure',
      'SOP1',
      'SOP2',
      'SOP3',
      'SOP4',
      'SOP5',
      'whole days after opening',
      'origin reception',
      'pre-return before return',
      'pre-return after return',
      'received within P7D',
      'received after P7D',
      'received before sending',
      'received by/from the wrong country',
      'feedback within P90D',
      'feedback after P90D',
      'closure',
      'retraction of measure.recorded',
      'retraction of referral.sent',
      'retraction of referral.received',
      'retraction of case.opened',
      'retraction of case.closed',
      'retraction in a later batch',
      'retraction in the same batch',
      'late report',
      'non-Z offset',
    ];
    expect(expected.filter((f) => !seen.has(f))).toEqual([]);
  });

  it('honours size options', () => {
    for (const h of fc.sample(
      arbitraryHistory({ minCases: 1, maxCases: 3, maxEvents: 40, maxBatches: 2, offsets: false }),
      { numRuns: 30, seed: 3 },
    )) {
      const events = all(h);
      expect(events.length).toBeLessThanOrEqual(40);
      expect(h.batches.length).toBeLessThanOrEqual(2);
      expect(events.every(({ e }) => e.occurredAt.endsWith('Z'))).toBe(true);
    }
  });
});

describe('pickAsOfTimes', () => {
  const h = histories.find((x) => x.batches.length >= 3)!;
  const batchTimes = h.batches.map((b) => at(b.recordedAt));

  it('picks k sorted instants, one before the first batch and one after the last', () => {
    const times = pickAsOfTimes(h, 5).map((d) => d.getTime());
    expect(times).toHaveLength(5);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeLessThan(batchTimes[0]);
    expect(times[4]).toBeGreaterThan(batchTimes[batchTimes.length - 1]);
  });

  it('given room, includes every batch instant exactly, 1 ms before it, and between batches', () => {
    const times = new Set(pickAsOfTimes(h, 1000).map((d) => d.getTime()));
    for (const t of batchTimes) {
      expect(times.has(t)).toBe(true);
      expect(times.has(t - 1)).toBe(true);
    }
    expect(times.has(Math.floor((batchTimes[0] + batchTimes[1]) / 2))).toBe(true);
  });
});

describe('the reference on generated histories', () => {
  const groupings: Dimension[][] = [
    [],
    ['country'],
    ['exploitation', 'period:quarter'],
    ['ageGroup', 'citizenship', 'toCountry'],
  ];

  /** 0 < denominator, 0 ≤ numerator ≤ denominator, ci95 within [0, 1]; n > 0, median ≤ p90; count > 0. */
  const saneFigures = (r: IndicatorRow): boolean => {
    const eps = 1e-12;
    if (r.denominator !== undefined) {
      const [lo, hi] = r.ci95 ?? [NaN, NaN];
      const [x, n] = [r.numerator as number, r.denominator as number];
      return n > 0 && x >= 0 && x <= n && r.value === x / n && lo >= -eps && lo <= hi && hi <= 1 + eps;
    }
    if (r.n !== undefined) return (r.n as number) > 0 && (r.median as number) <= (r.p90 as number) + eps;
    return (r.count as number) > 0;
  };

  it('computes every indicator with sane figures, and case.count matches an independent count', () => {
    const problems: string[] = [];
    for (const h of histories.slice(0, 20)) {
      const events = toReferenceEvents(h);
      for (const asOf of pickAsOfTimes(h, 4)) {
        const known = events.filter((e) => at(e.recordedAt) <= asOf.getTime());
        const retracted = new Set(
          known.flatMap((e) => (e.data.type === 'event.retracted' ? [e.data.retractsEventId] : [])),
        );
        const live = known.filter((e) => e.data.type === 'case.opened' && !retracted.has(e.data.eventId)).length;
        const total = referenceIndicator(events, 'case.count', query({ asOf: asOf.toISOString() }));
        expect(total).toEqual(live === 0 ? [] : [{ count: live }]);
        const byCountry = referenceIndicator(
          events,
          'case.count',
          query({ asOf: asOf.toISOString(), groupBy: ['country'] }),
        );
        expect(byCountry.reduce((n, r) => n + (r.count as number), 0)).toBe(live);

        for (const id of REFERENCE_INDICATOR_IDS) {
          for (const groupBy of groupings) {
            for (const r of referenceIndicator(events, id, query({ asOf: asOf.toISOString(), groupBy }))) {
              if (!saneFigures(r)) problems.push(`${id} ${JSON.stringify(r)}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]); // one expect: 90k rows through expect() would take 20 s
  });
});
