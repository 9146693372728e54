// The synthetic demo data set: deterministic, valid per CONTRACT.md §1 and the case rules, and
// realistic enough that the dashboards show children, referral loops, late reports and corrections.
import {
  ACTORS, AGE_BANDS, CITIZENSHIP_VALUES, CLOSURE_REASONS, COUNTRY_ROLES, EVENT_TYPES, EXPLOITATION_FORMS, MEASURE_STATUSES,
  REFERRAL_OUTCOMES, REFERRAL_PURPOSES, RETRACTION_REASONS, SEXES, applies, decide, emptyCaseState, evolve, findMeasure,
  getCatalogue, isChild, isCountryCode, isForeign, validateSubmittedEvent,
} from '@trm/domain';
import type { CaseState as DomainCaseState, Profile, StoredEventData, SubmittedEvent } from '@trm/domain';
import {
  DEMO_COUNTRIES, DEMO_LABEL, demoNdjsonChunks, generateDemoBatches, generateDemoEvents, generateDemoSubmissions, generateDemoTimeline,
} from '../src';

const END = new Date('2025-06-30T12:00:00.000Z');
const START = new Date('2023-07-01T00:00:00.000Z');
const SAMPLE = { seed: 7, cases: 2_000, start: START, end: END };
const DAY = 86_400_000;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CASE_REF = /^[A-Za-z0-9._:/-]{1,64}$/;
const REFERRAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const COMMON = ['eventId', 'type', 'schemaVersion', 'country', 'caseRef', 'occurredAt'];
const KEYS: Record<string, { required: string[]; optional?: string[] }> = {
  'case.opened': { required: ['profile'] },
  'measure.recorded': { required: ['measure', 'status', 'actor'], optional: ['catalogueVersion', 'checklist'] },
  'referral.sent': { required: ['referralId', 'toCountry', 'purpose', 'consent'] },
  'referral.received': { required: ['referralId', 'fromCountry'] },
  'referral.feedback': { required: ['referralId', 'toCountry', 'outcome'] },
  'case.closed': { required: ['reason'] },
  'event.retracted': { required: ['retractsEventId', 'reason'] },
};
const catalogue = getCatalogue()!;
const ms = (iso: string): number => Date.parse(iso);
const caseKey = (e: SubmittedEvent): string => `${e.country}:${e.caseRef}`;

/** Everything wrong with one event's shape, as messages (empty when valid). */
function shapeProblems(e: SubmittedEvent): string[] {
  const problems: string[] = [];
  const rec = e as unknown as Record<string, unknown>;
  const spec = KEYS[e.type];
  if (!spec) return [`unknown type ${String(e.type)}`];
  const allowed = new Set([...COMMON, ...spec.required, ...(spec.optional ?? [])]);
  for (const k of Object.keys(rec)) if (!allowed.has(k)) problems.push(`unknown property ${k}`);
  for (const k of [...COMMON, ...spec.required]) if (rec[k] === undefined) problems.push(`missing ${k}`);
  if (!UUID_V4.test(e.eventId)) problems.push('eventId');
  if (e.schemaVersion !== 1) problems.push('schemaVersion');
  if (!DEMO_COUNTRIES.includes(e.country)) problems.push('country');
  if (!CASE_REF.test(e.caseRef)) problems.push('caseRef');
  if (!UTC_MILLIS.test(e.occurredAt) || Number.isNaN(ms(e.occurredAt))) problems.push('occurredAt format');
  if (ms(e.occurredAt) > END.getTime()) problems.push('occurredAt after end');
  if (ms(e.occurredAt) < START.getTime()) problems.push('occurredAt before start');
  switch (e.type) {
    case 'case.opened': {
      const p = e.profile as Profile & Record<string, unknown>;
      for (const k of Object.keys(p)) {
        if (!['ageBand', 'sex', 'citizenship', 'exploitation', 'countryRole', 'presumedMinor'].includes(k)) problems.push(`profile.${k}`);
      }
      if (!(AGE_BANDS as readonly string[]).includes(p.ageBand)) problems.push('ageBand');
      if (!(SEXES as readonly string[]).includes(p.sex)) problems.push('sex');
      if (!CITIZENSHIP_VALUES.includes(p.citizenship)) problems.push('citizenship');
      if (!(COUNTRY_ROLES as readonly string[]).includes(p.countryRole)) problems.push('countryRole');
      if (p.exploitation.length < 1 || p.exploitation.length > 8 || new Set(p.exploitation).size !== p.exploitation.length
        || !p.exploitation.every((f) => (EXPLOITATION_FORMS as readonly string[]).includes(f))) problems.push('exploitation');
      if (p.presumedMinor !== undefined && typeof p.presumedMinor !== 'boolean') problems.push('presumedMinor');
      break;
    }
    case 'measure.recorded':
      if (!findMeasure(catalogue, e.measure)) problems.push('measure');
      if (!(MEASURE_STATUSES as readonly string[]).includes(e.status)) problems.push('status');
      if (!(ACTORS as readonly string[]).includes(e.actor)) problems.push('actor');
      if (e.catalogueVersion !== undefined && e.catalogueVersion !== catalogue.version) problems.push('catalogueVersion');
      break;
    case 'referral.sent':
      if (!REFERRAL_ID.test(e.referralId) || !isCountryCode(e.toCountry) || e.toCountry === e.country) problems.push('referral');
      if (!(REFERRAL_PURPOSES as readonly string[]).includes(e.purpose) || e.consent !== true) problems.push('purpose/consent');
      break;
    case 'referral.received':
      if (!REFERRAL_ID.test(e.referralId) || !isCountryCode(e.fromCountry)) problems.push('referral');
      break;
    case 'referral.feedback':
      if (!REFERRAL_ID.test(e.referralId) || !isCountryCode(e.toCountry)) problems.push('referral');
      if (!(REFERRAL_OUTCOMES as readonly string[]).includes(e.outcome)) problems.push('outcome');
      break;
    case 'case.closed':
      if (!(CLOSURE_REASONS as readonly string[]).includes(e.reason)) problems.push('reason');
      break;
    case 'event.retracted':
      if (!UUID_V4.test(e.retractsEventId) || !(RETRACTION_REASONS as readonly string[]).includes(e.reason)) problems.push('retraction');
      break;
  }
  return problems;
}

interface CaseState {
  opened: SubmittedEvent & { type: 'case.opened' };
  events: SubmittedEvent[];
  retractedWhole: boolean;
}

describe('synthetic demo data', () => {
  let sample: SubmittedEvent[];
  beforeAll(() => {
    sample = [...generateDemoEvents(SAMPLE)];
  });

  it('labels itself and names the SEE origin and EU destination countries', () => {
    expect(DEMO_LABEL).toBe('SYNTHETIC DEMO DATA — not real cases');
    expect(DEMO_COUNTRIES).toEqual(expect.arrayContaining(['AL', 'BA', 'BG', 'HR', 'XK', 'MK', 'MD', 'ME', 'RO', 'RS', 'UA',
      'IT', 'DE', 'AT', 'GR', 'ES', 'FR', 'NL', 'CZ', 'HU', 'PT', 'CY']));
    expect(DEMO_COUNTRIES.every(isCountryCode)).toBe(true);
  });

  it('is deterministic: the same seed gives the same events, another seed others', () => {
    const again = [...generateDemoEvents(SAMPLE)];
    expect(again).toEqual(sample);
    const other = [...generateDemoEvents({ ...SAMPLE, seed: 8, cases: 200 })];
    expect(other.slice(0, 50)).not.toEqual(sample.slice(0, 50));
  });

  it('opens exactly the requested number of cases, the first at start', () => {
    const opened = sample.filter((e) => e.type === 'case.opened');
    expect(opened).toHaveLength(SAMPLE.cases);
    expect(new Set(opened.map(caseKey)).size).toBe(SAMPLE.cases);
    expect(Math.min(...opened.map((e) => ms(e.occurredAt)))).toBe(START.getTime());
    expect([...generateDemoEvents({ cases: 0, end: END })]).toEqual([]);
  });

  it('gives every event a valid shape: uuid, codes, vocabularies, RFC 3339 UTC time within [start, end]', () => {
    const bad = sample.map((e, i) => ({ i, problems: shapeProblems(e) })).filter((r) => r.problems.length > 0);
    expect(bad.slice(0, 5)).toEqual([]);
    expect(new Set(sample.map((e) => e.eventId)).size).toBe(sample.length);
  });

  it('passes the schema validator of libs/domain', () => {
    const failures = sample
      .map((e) => ({ e, r: validateSubmittedEvent(JSON.parse(JSON.stringify(e)), END) }))
      .filter(({ r }) => !r.ok);
    expect(failures.slice(0, 3).map(({ e, r }) => ({ type: e.type, errors: r.ok ? undefined : r.errors }))).toEqual([]);
  });

  it('is accepted, in stream order, by the case rules of libs/domain', () => {
    const states = new Map<string, DomainCaseState>();
    const rejected: string[] = [];
    for (const e of sample) {
      const key = caseKey(e);
      const state = states.get(key) ?? emptyCaseState(key);
      states.set(key, state);
      const { caseRef, ...rest } = e;
      const stored = { ...rest, caseId: caseRef } as unknown as StoredEventData;
      const errors = decide(state, stored);
      if (errors.length > 0) rejected.push(`${e.type} of ${key}: ${errors.map((x) => x.code).join(',')}`);
      else evolve(state, stored);
    }
    expect(rejected.slice(0, 5)).toEqual([]);
  });

  it('respects the case rules: opened first, measures that apply, nothing after closure, retractions of earlier events', () => {
    const cases = new Map<string, CaseState>();
    const seen = new Map<string, SubmittedEvent>();
    const problems: string[] = [];
    for (const e of sample) {
      const key = caseKey(e);
      const c = cases.get(key);
      if (e.type === 'case.opened') {
        if (c) problems.push(`second case.opened for ${key}`);
        cases.set(key, { opened: e, events: [e], retractedWhole: false });
      } else if (!c) {
        problems.push(`${e.type} before case.opened of ${key}`);
      } else {
        if (c.retractedWhole) problems.push(`${e.type} after the whole case ${key} was retracted`);
        if (ms(e.occurredAt) < ms(c.opened.occurredAt)) problems.push(`${e.type} before its case opened`);
        if (e.type === 'event.retracted') {
          const target = seen.get(e.retractsEventId);
          if (!target) problems.push(`retraction of an unknown or later event in ${key}`);
          else if (caseKey(target) !== key) problems.push('retraction of another case\'s event');
          else if (target.type === 'event.retracted') problems.push('retraction of a retraction');
          else if (target.type === 'case.opened') c.retractedWhole = true;
        }
        if (e.type === 'measure.recorded') {
          const def = findMeasure(catalogue, e.measure)!;
          const p = c.opened.profile;
          const facts = {
            child: isChild(p), foreign: isForeign(p, e.country), origin: p.countryRole === 'origin',
            enteredSops: new Set([1, 2, 3, 4, 5]),
          };
          if (!applies(def, facts)) problems.push(`${e.measure} does not apply to ${key}`);
          if (def.childSpecific && !isChild(p)) problems.push(`child measure ${e.measure} on adult case ${key}`);
        }
        c.events.push(e);
      }
      seen.set(e.eventId, e);
    }
    for (const [key, c] of cases) {
      const retracted = new Set(c.events.flatMap((e) => (e.type === 'event.retracted' ? [e.retractsEventId] : [])));
      const closures = c.events.filter((e) => e.type === 'case.closed' && !retracted.has(e.eventId));
      if (closures.length > 1) problems.push(`${key} closed twice`);
      for (const closed of c.events.filter((e) => e.type === 'case.closed')) {
        for (const e of c.events) {
          if (e.type !== 'event.retracted' && ms(e.occurredAt) > ms(closed.occurredAt)) problems.push(`${e.type} after closure of ${key}`);
        }
      }
      // SOP4.M1–M4 and C1 precede the return (SOP4.M5).
      const m5 = c.events.filter((e) => e.type === 'measure.recorded' && e.measure === 'SOP4.M5').map((e) => ms(e.occurredAt));
      if (m5.length > 0) {
        const before = c.events.filter((e) => e.type === 'measure.recorded'
          && ['SOP4.M1', 'SOP4.M2', 'SOP4.M3', 'SOP4.M4', 'SOP4.C1'].includes(e.measure));
        for (const e of before) if (ms(e.occurredAt) > Math.min(...m5)) problems.push(`${key}: ${(e as { measure: string }).measure} after SOP4.M5`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('links referrals across countries: receipts and feedback name a real referral and the right countries', () => {
    const sent = new Map<string, SubmittedEvent & { type: 'referral.sent' }>();
    for (const e of sample) if (e.type === 'referral.sent') sent.set(e.referralId, e);
    const problems: string[] = [];
    for (const e of sample) {
      if (e.type === 'referral.received') {
        const s = sent.get(e.referralId);
        if (!s || s.country !== e.fromCountry || s.toCountry !== e.country) problems.push(`received ${e.referralId} matches no referral`);
        else if (s.caseRef === e.caseRef) problems.push('the receiving country must record it against its own case');
      }
      if (e.type === 'referral.feedback') {
        const s = sent.get(e.referralId);
        if (!s || s.country !== e.toCountry || s.toCountry !== e.country) problems.push(`feedback ${e.referralId} matches no referral`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('shows what the dashboards need: children, referral loops (closed, late, open), retractions, late reports, closures', () => {
    const opened = sample.filter((e): e is SubmittedEvent & { type: 'case.opened' } => e.type === 'case.opened');
    const children = opened.filter((e) => isChild(e.profile));
    expect(children.length / opened.length).toBeGreaterThan(0.12);
    expect(children.length / opened.length).toBeLessThan(0.3);
    expect(opened.some((e) => e.profile.ageBand === 'unknown' && e.profile.presumedMinor === true)).toBe(true);
    expect(new Set(opened.map((e) => e.country))).toEqual(new Set(DEMO_COUNTRIES));
    expect(new Set(opened.map((e) => e.profile.countryRole))).toEqual(new Set(COUNTRY_ROLES));
    expect(opened.some((e) => e.profile.citizenship === 'unknown')).toBe(true);
    const sexual = opened.filter((e) => e.profile.exploitation[0] === 'sexual');
    expect(sexual.filter((e) => e.profile.sex === 'female').length / sexual.length).toBeGreaterThan(0.8);

    const sent = sample.filter((e): e is SubmittedEvent & { type: 'referral.sent' } => e.type === 'referral.sent');
    const received = new Map<string, number>();
    for (const e of sample) if (e.type === 'referral.received') received.set(e.referralId, ms(e.occurredAt));
    const feedback = sample.filter((e) => e.type === 'referral.feedback');
    const ackDays = sent.filter((s) => received.has(s.referralId)).map((s) => (received.get(s.referralId)! - ms(s.occurredAt)) / DAY);
    expect(sent.length).toBeGreaterThan(100);
    expect(ackDays.filter((d) => d <= 7).length).toBeGreaterThan(ackDays.length / 2);
    expect(ackDays.some((d) => d > 7)).toBe(true); // late acknowledgements
    expect(ackDays.length).toBeLessThan(sent.length * 0.9); // loops never closed
    expect(feedback.length).toBeGreaterThan(0);
    expect(feedback.length).toBeLessThan(ackDays.length);

    const retractions = sample.filter((e): e is SubmittedEvent & { type: 'event.retracted' } => e.type === 'event.retracted');
    expect(retractions.length / sample.length).toBeGreaterThan(0.003);
    expect(retractions.length / sample.length).toBeLessThan(0.02);
    const byId = new Map(sample.map((e) => [e.eventId, e]));
    expect(retractions.some((r) => byId.get(r.retractsEventId)?.type === 'case.opened')).toBe(true);
    expect(new Set(retractions.map((r) => r.reason))).toEqual(new Set(RETRACTION_REASONS));

    // Late reports: events arriving after others that happened a week or more later.
    let latest = 0;
    let late = 0;
    for (const e of sample) {
      const t = ms(e.occurredAt);
      if (e.type !== 'event.retracted' && t < latest - 7 * DAY) late++;
      latest = Math.max(latest, t);
    }
    expect(late / sample.length).toBeGreaterThan(0.01);

    // Most cases opened more than a year before the end are closed.
    const closed = new Set(sample.filter((e) => e.type === 'case.closed').map(caseKey));
    const old = opened.filter((e) => ms(e.occurredAt) < END.getTime() - 365 * DAY);
    expect(old.filter((e) => closed.has(caseKey(e))).length / old.length).toBeGreaterThan(0.6);
    expect(new Set(sample.flatMap((e) => (e.type === 'case.closed' ? [e.reason] : []))).size).toBeGreaterThanOrEqual(6);
    expect(new Set(sample.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
  });

  it('spreads cases over the period so quarterly trends show, and countries differ', () => {
    const quarters = new Map<string, number>();
    for (const e of sample) {
      if (e.type !== 'case.opened') continue;
      const d = new Date(e.occurredAt);
      const q = `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
      quarters.set(q, (quarters.get(q) ?? 0) + 1);
    }
    expect(quarters.size).toBe(8);
    for (const n of quarters.values()) expect(n).toBeGreaterThan(100);
    // Delivery of SOP1.M1 differs between a well-performing and a struggling country.
    const rate = (country: string): number => {
      const cases = new Set(sample.filter((e) => e.type === 'case.opened' && e.country === country).map(caseKey));
      const done = new Set(sample.filter((e) => e.type === 'measure.recorded' && e.measure === 'SOP2.M1' && e.country === country).map(caseKey));
      return done.size / cases.size;
    };
    expect(rate('NL') - rate('CY')).toBeGreaterThan(0.15);
  });

  it('batches: at most 5,000 events, the same stream in the same order', () => {
    const batches = [...generateDemoBatches({ ...SAMPLE, cases: 800 })];
    const flat = [...generateDemoEvents({ ...SAMPLE, cases: 800 })];
    expect(batches.every((b) => b.length > 0 && b.length <= 5_000)).toBe(true);
    expect(batches.flat()).toEqual(flat);
    const small = [...generateDemoBatches({ ...SAMPLE, cases: 100, batchSize: 97 })];
    expect(small.slice(0, -1).every((b) => b.length === 97)).toBe(true);
    expect(() => generateDemoBatches({ ...SAMPLE, batchSize: 5_001 }).next()).toThrow(RangeError);
  });

  it('NDJSON chunks hold the same events, one per line', () => {
    const chunks = [...demoNdjsonChunks({ ...SAMPLE, cases: 300 }, 1_000)];
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual([...generateDemoEvents({ ...SAMPLE, cases: 300 })]);
    expect(chunks.slice(0, -1).every((c) => c.toString('utf8').split('\n').length === 1_001)).toBe(true);
  });

  it('timeline: report times never decrease, never precede the event, never pass end', () => {
    let last = -Infinity;
    let lagged = 0;
    let n = 0;
    for (const { event, reportedAt } of generateDemoTimeline({ ...SAMPLE, cases: 500 })) {
      const r = reportedAt.getTime();
      expect(r).toBeGreaterThanOrEqual(last);
      expect(r).toBeGreaterThanOrEqual(ms(event.occurredAt));
      expect(r).toBeLessThanOrEqual(END.getTime());
      if (r - ms(event.occurredAt) > 7 * DAY) lagged++;
      last = r;
      n++;
    }
    expect(lagged / n).toBeGreaterThan(0.02);
  });

  it('defaults: end is now, start two years before; bad options are refused', () => {
    const before = Date.now();
    const events = [...generateDemoEvents({ cases: 50 })];
    const times = events.map((e) => ms(e.occurredAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(before - 731 * DAY);
    expect(() => generateDemoEvents({ cases: -1 }).next()).toThrow(RangeError);
    expect(() => generateDemoEvents({ cases: 10, start: END, end: START }).next()).toThrow(RangeError);
    expect(() => generateDemoEvents({ cases: 10, seed: 1.5 }).next()).toThrow(RangeError);
  });

  it('is fast enough for the benchmark (printed, not asserted)', () => {
    for (const e of generateDemoEvents({ seed: 2, cases: 5_000, end: END })) if (!e.eventId) break; // JIT warm-up
    const t = performance.now();
    let n = 0;
    for (const e of generateDemoEvents({ seed: 1, cases: 30_000, end: END })) if (e.eventId) n++;
    const seconds = (performance.now() - t) / 1000;
    console.log(`demo-data: ${n} events in ${seconds.toFixed(2)} s = ${Math.round(n / seconds).toLocaleString('en')} events/s (after warm-up; needs ≥ 300,000 on an idle core)`);
  });

  it('cuts the timeline into periodic submissions: every event once, in order, each recorded when its last one was reported', () => {
    const opts = { seed: 3, cases: 200, end: END };
    const timeline = [...generateDemoTimeline(opts)];
    const submissions = [...generateDemoSubmissions({ ...opts, everyDays: 10 })];
    expect(submissions.length).toBeGreaterThan(5);
    expect(submissions.flatMap((s) => s.events)).toEqual(timeline.map((t) => t.event));
    let i = 0;
    for (const s of submissions) {
      const reported = timeline.slice(i, i + s.events.length).map((t) => t.reportedAt.getTime());
      i += s.events.length;
      expect(s.at).toBe(reported[reported.length - 1]);
      expect(reported[reported.length - 1] - reported[0]).toBeLessThanOrEqual(10 * 86_400_000);
    }
  });
});
