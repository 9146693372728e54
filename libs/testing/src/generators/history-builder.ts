// Turns a HistoryPlan into events that pass the schema and, almost always, the case rules of
// CONTRACT.md §1, then cuts them into batches with strictly increasing recordedAt.
import { isChild } from '@trm/domain';
import type { MeasureDefinition, Profile, SubmittedEvent } from '@trm/domain';
import { CATALOGUE } from '../reference/catalogue-facts';
import type { HistoryPublication } from './catalogue-publications';
import { caseRefFor, referralIdFor, seededUuid } from './ids';
import { DAY_MS, MINUTE_MS } from './history-plan';
import type { CasePlan, HistoryPlan, RecordPlan } from './history-plan';

export interface HistoryBatch {
  recordedAt: string;
  events: SubmittedEvent[];
}
export interface History {
  batches: HistoryBatch[];
  /** Catalogue documents published during the history, in publication order (none unless asked for). */
  publications: HistoryPublication[];
}

export interface BuildSettings {
  start: number;
  countries: string[];
  maxEvents: number;
}

/** An event being built: when it happened, and when it reaches the service. */
interface Draft {
  event: SubmittedEvent;
  at: number;
  reportAt: number;
  seq: number;
}

interface CaseDraft {
  index: number;
  country: string;
  caseRef: string;
  openedAt: number;
  profile: Profile;
  utcOffset: number;
  closedAt?: number;
  drafts: Draft[];
}

/** RFC 3339 with the given UTC offset in minutes (0 → `Z`), millisecond precision. */
export function formatInstant(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * MINUTE_MS).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const measuresOf = (sop: number, codes?: string[]): MeasureDefinition[] =>
  CATALOGUE.measures.filter((m) => m.sop === sop && (!codes || codes.includes(m.code)));

class Builder {
  private seq = 0;
  readonly cases: CaseDraft[] = [];

  constructor(private readonly seed: number, private readonly settings: BuildSettings) {}

  private nextId(): string {
    return seededUuid(this.seed, this.seq);
  }

  add(c: CaseDraft, fields: { type: string } & Record<string, unknown>, at: number, reportAt: number): Draft {
    const { type, ...specific } = fields;
    const event = {
      eventId: this.nextId(),
      type,
      schemaVersion: 1,
      country: c.country,
      caseRef: c.caseRef,
      occurredAt: formatInstant(at, c.utcOffset),
      ...specific,
    } as unknown as SubmittedEvent;
    const draft = { event, at, reportAt: Math.max(at, reportAt), seq: this.seq++ };
    c.drafts.push(draft);
    return draft;
  }

  openCase(country: string, openedAt: number, lag: number, profile: Profile, utcOffset: number): CaseDraft {
    const index = this.cases.length;
    const caseRef = caseRefFor(country, index);
    const c: CaseDraft = { index, country, caseRef, openedAt, profile, utcOffset, drafts: [] };
    this.cases.push(c);
    this.add(c, { type: 'case.opened', profile }, openedAt, openedAt + lag);
    return c;
  }

  /** A measure.recorded of a measure picked among `candidates` (child-specific ones only for children). */
  record(c: CaseDraft, candidates: MeasureDefinition[], r: RecordPlan, anchor: number): void {
    const allowed = candidates.filter((m) => !m.childSpecific || isChild(c.profile));
    if (allowed.length === 0) return;
    const m = allowed[r.pick % allowed.length];
    const at = anchor + r.delay;
    this.add(
      c,
      {
        type: 'measure.recorded',
        measure: m.code,
        status: r.status,
        actor: m.actors[r.actor % m.actors.length],
        ...(r.withVersion ? { catalogueVersion: CATALOGUE.version } : {}),
      },
      at,
      at + r.lag,
    );
  }

  /** A case of `country` able to take an event at `at`: opened by then and not closed before. */
  receivingCase(country: string, at: number, pick: number, like: CaseDraft): CaseDraft {
    const open = this.cases.filter(
      (c) => c.country === country && c.openedAt <= at && (c.closedAt === undefined || c.closedAt >= at),
    );
    if (open.length > 0 && pick % 4 !== 0) return open[pick % open.length];
    // The receiving country opens its own case for the person (e.g. on reception after a return).
    const profile: Profile = {
      ...like.profile,
      exploitation: [...like.profile.exploitation],
      countryRole: like.profile.citizenship === country ? 'origin' : 'destination',
    };
    return this.openCase(country, at, pick % 3 === 0 ? DAY_MS : 0, profile, 0);
  }

  build(plan: CasePlan, index: number): CaseDraft {
    const { countries } = this.settings;
    const country = countries[plan.country % countries.length];
    const profile: Profile = {
      ageBand: plan.profile.ageBand,
      sex: plan.profile.sex,
      citizenship: plan.profile.citizenship === 'own' ? country : plan.profile.citizenship,
      exploitation: plan.profile.exploitation,
      countryRole: plan.profile.countryRole,
      ...(plan.profile.presumedMinor !== undefined ? { presumedMinor: plan.profile.presumedMinor } : {}),
    };
    const openedAt = this.settings.start + plan.openedOffset;
    const c = this.openCase(country, openedAt, plan.openedLag, profile, plan.utcOffset);
    if (plan.closure) c.closedAt = openedAt + plan.closure.delay;

    const sop12 = [...measuresOf(1), ...measuresOf(2)];
    for (const r of plan.records) this.record(c, sop12, r, openedAt);
    for (const r of plan.sop3) this.record(c, measuresOf(3), r, openedAt);
    for (const r of plan.sop5) this.record(c, measuresOf(5), r, openedAt);
    if (plan.sop4) {
      const returnAt = openedAt + plan.sop4.returnDelay;
      const { returnStatus: status, returnLag: lag } = plan.sop4;
      const ret: RecordPlan = { pick: 0, status, delay: 0, lag, actor: 0, withVersion: false };
      this.record(c, measuresOf(4, ['SOP4.M5']), ret, returnAt);
      const preReturn = measuresOf(4, ['SOP4.M1', 'SOP4.M2', 'SOP4.M3', 'SOP4.M4', 'SOP4.C1']);
      for (const r of plan.sop4.preReturn) this.record(c, preReturn, r, returnAt);
      const reception = measuresOf(4, ['SOP4.M6', 'SOP4.M7', 'SOP4.M8']);
      for (const r of plan.sop4.reception) this.record(c, reception, r, openedAt);
    }

    plan.referrals.forEach((ref, n) => {
      const others = countries.filter((x) => x !== country);
      if (others.length === 0) return;
      const toCountry = others[ref.to % others.length];
      const referralId = referralIdFor(country, index, n);
      const sentAt = openedAt + Math.abs(ref.delay);
      const sent = { type: 'referral.sent', referralId, toCountry, purpose: ref.purpose, consent: true };
      this.add(c, sent, sentAt, sentAt + ref.lag);
      const thirds = countries.filter((x) => x !== country && x !== toCountry);
      let receiver: CaseDraft | undefined;
      if (ref.received) {
        const r = ref.received;
        const wrongReceiver = r.wrong === 'receiver' && thirds.length > 0;
        const receivedBy = wrongReceiver ? thirds[r.third % thirds.length] : toCountry;
        const fromCountry = r.wrong === 'fromCountry' ? others.filter((x) => x !== receivedBy)[0] ?? country : country;
        const at = sentAt + r.delay;
        receiver = this.receivingCase(receivedBy, at, r.receiverCase, c);
        this.add(receiver, { type: 'referral.received', referralId, fromCountry }, at, at + r.lag);
      }
      if (ref.feedback) {
        const f = ref.feedback;
        const at = sentAt + f.delay;
        const to = f.wrongTo && thirds.length > 0 ? thirds[f.third % thirds.length] : country;
        const by =
          receiver?.country === toCountry && receiver.openedAt <= at && (receiver.closedAt ?? Infinity) >= at
            ? receiver
            : this.receivingCase(toCountry, at, f.third, c);
        this.add(by, { type: 'referral.feedback', referralId, toCountry: to, outcome: f.outcome }, at, at + f.lag);
        // A second feedback, if the receiving case is still open then (else at the same time).
        if (f.again) {
          const again = (by.closedAt ?? Infinity) >= at + f.again.later ? at + f.again.later : at;
          this.add(by, { type: 'referral.feedback', referralId, toCountry: to, outcome: f.again.outcome }, again, again + f.again.lag);
        }
      }
    });

    if (plan.closure) {
      const closedAt = c.closedAt as number;
      this.add(c, { type: 'case.closed', reason: plan.closure.reason }, closedAt, closedAt + plan.closure.lag);
      const again = plan.closure.again;
      if (again) this.add(c, { type: 'case.closed', reason: again.reason }, closedAt, closedAt + again.lag);
    }
    return c;
  }

  /** Drops every event that happened after its case's closure (the service would refuse it). */
  applyClosures(): void {
    for (const c of this.cases) {
      if (c.closedAt === undefined) continue;
      const closedAt = c.closedAt;
      c.drafts = c.drafts.filter((d) => d.event.type === 'case.closed' || d.at <= closedAt);
    }
  }

  /** Nothing of a case reaches the service before its case.opened. */
  orderAfterOpening(): void {
    for (const c of this.cases) {
      const opened = c.drafts.find((d) => d.event.type === 'case.opened') as Draft;
      for (const d of c.drafts) d.reportAt = Math.max(d.reportAt, opened.reportAt);
    }
  }

  retract(c: CaseDraft, target: Draft, lag: number, reason: string): void {
    const reportAt = target.reportAt + lag;
    this.add(c, { type: 'event.retracted', retractsEventId: target.event.eventId, reason }, reportAt, reportAt);
  }

  retractions(plans: CasePlan[], planned: CaseDraft[]): void {
    plans.forEach((plan, i) => {
      const c = planned[i];
      const candidates = c.drafts.filter((d) => d.event.type !== 'case.opened');
      const targets = new Set<Draft>();
      for (const r of plan.retractions) {
        const free = candidates.filter((d) => !targets.has(d));
        if (free.length === 0) break;
        const target = free[r.target % free.length];
        targets.add(target);
        this.retract(c, target, r.lag, r.reason);
      }
      if (plan.retractCase) {
        // Last of all: once case.opened is retracted the service may refuse anything more for the case.
        const last = Math.max(...c.drafts.map((d) => d.reportAt));
        const opened = c.drafts.find((d) => d.event.type === 'case.opened') as Draft;
        const reportAt = last + plan.retractCase.lag;
        const { reason } = plan.retractCase;
        this.add(c, { type: 'event.retracted', retractsEventId: opened.event.eventId, reason }, reportAt, reportAt);
      }
    });
  }

  /** Whole case streams are dropped, newest first, until the history is small enough. */
  cap(): void {
    let total = this.cases.reduce((n, c) => n + c.drafts.length, 0);
    while (total > this.settings.maxEvents && this.cases.length > 1) {
      total -= (this.cases.pop() as CaseDraft).drafts.length;
    }
  }
}

const rank = (d: Draft): number => (d.event.type === 'case.opened' ? 0 : d.event.type === 'event.retracted' ? 2 : 1);

/** Cuts the drafts, in reporting order, into at most `batches` batches at the chosen cut points. */
function batchesOf(drafts: Draft[], batches: number, cuts: number[]): HistoryBatch[] {
  const sorted = [...drafts].sort((a, b) => a.reportAt - b.reportAt || rank(a) - rank(b) || a.seq - b.seq);
  const possible: number[] = [];
  for (let i = 1; i < sorted.length; i++) if (sorted[i].reportAt > sorted[i - 1].reportAt) possible.push(i);
  const chosen = new Set<number>();
  for (const cut of cuts.slice(0, Math.max(0, batches - 1))) {
    if (possible.length > 0) chosen.add(possible[cut % possible.length]);
  }
  const bounds = [0, ...[...chosen].sort((a, b) => a - b), sorted.length];
  const out: HistoryBatch[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const slice = sorted.slice(bounds[b], bounds[b + 1]);
    if (slice.length === 0) continue;
    const recordedAt = new Date(slice[slice.length - 1].reportAt).toISOString();
    out.push({ recordedAt, events: slice.map((d) => d.event) });
  }
  return out;
}

export function buildHistory(plan: HistoryPlan, settings: BuildSettings): History {
  const b = new Builder(plan.seed, settings);
  const planned = plan.cases.map((casePlan, i) => b.build(casePlan, i));
  b.applyClosures();
  b.orderAfterOpening();
  b.retractions(plan.cases, planned);
  b.cap();
  return { batches: batchesOf(b.cases.flatMap((c) => c.drafts), plan.batches, plan.cuts), publications: [] };
}
