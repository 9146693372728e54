// The end of a planned case: its closure (and nothing after it), when each event reaches the
// service (reporting delays, late reports), and the corrections national systems send
// (retractions of duplicates, data-entry errors, wrong cases, withdrawn consent).
import type { ClosureReason, ReferralOutcome, RetractionReason } from '@trm/domain';
import { withStatus, type CaseContext } from './case-context';
import type { PathSummary } from './measure-flows';
import {
  CLOSED, DAY, FEEDBACK, HOUR, MEASURE, MINUTE, RETRACTED, SENT, type FeedbackRecord, type MeasureRecord, type Payload,
  type Planned,
} from './planned';
import { Weighted, type Prng } from './prng';

// Globals read once: inside a vm context (Jest) every global lookup is slow.
const { floor, max, min } = Math;
const { isNaN } = Number;
const NativeDate = Date;
const { UTC } = Date;

const AFTER_SOP3 = new Weighted<ClosureReason>([['social_inclusion_achieved', 75], ['other', 15], ['transferred_to_other_country', 10]]);
const AFTER_REFERRAL = new Weighted<ClosureReason>([['transferred_to_other_country', 40], ['social_inclusion_achieved', 35], ['other', 25]]);
const ORDINARY = new Weighted<ClosureReason>([['social_inclusion_achieved', 50], ['other', 35], ['transferred_to_other_country', 15]]);
const LINKED = new Weighted<ClosureReason>([['transferred_to_other_country', 35], ['other', 45], ['social_inclusion_achieved', 20]]);
const RETURNED_HOME = new Weighted<ClosureReason>([['social_inclusion_achieved', 70], ['other', 30]]);
const CORRECTIONS = new Weighted<RetractionReason>([['data_entry_error', 40], ['duplicate', 30], ['wrong_case', 20], ['withdrawn_consent', 10]]);
const CASE_RETRACTIONS = new Weighted<RetractionReason>([['duplicate', 50], ['wrong_case', 30], ['data_entry_error', 20]]);
const FEEDBACK_ON_CLOSURE: Partial<Record<ClosureReason, ReferralOutcome>> = {
  lost_contact: 'lost_contact', assistance_declined: 'declined', social_inclusion_achieved: 'reintegrated',
};
/** Share of cases whose case.opened is retracted (a case registered twice, or by mistake). */
const CASE_RETRACTION_RATE = 0.003;

/** Closes the case (or leaves it open) and drops whatever was planned after the closure. */
export function closeCase(c: CaseContext, rng: Prng, path: PathSummary): void {
  if (!rng.chance(c.cp.closeRate)) return;
  const { t0 } = c;
  let last = t0;
  for (const e of c.events) if (e.at > last) last = e.at;
  let at: number;
  let reason: ClosureReason;
  if (!isNaN(path.returnedAt)) {
    at = path.returnedAt + c.delay(3);
    reason = 'returned_and_handed_over';
  } else if (path.kind === 'remote' || path.kind === 'linked-destination') {
    at = last + c.delay(15);
    reason = LINKED.pick(rng);
  } else if ((path.assistanceDeclined && rng.chance(0.7)) || rng.chance(0.04)) {
    at = t0 + c.delay(12);
    reason = 'assistance_declined';
  } else if (rng.chance(c.cp.lostContact * (c.profile.countryRole === 'transit' ? 1.8 : 1))) {
    at = t0 + rng.logNormal(60, 0.8) * DAY;
    reason = 'lost_contact';
  } else if (rng.chance(0.003)) {
    at = t0 + rng.between(10, 400) * DAY;
    reason = 'deceased';
  } else {
    at = max(last, t0 + 20 * DAY) + rng.logNormal(25, 0.6) * DAY;
    reason = path.kind === 'returned' ? RETURNED_HOME.pick(rng)
      : path.sop3 ? AFTER_SOP3.pick(rng) : path.referralSent ? AFTER_REFERRAL.pick(rng) : ORDINARY.pick(rng);
  }
  at = floor(max(at, t0 + 6 * HOUR));
  const kept: Planned[] = [];
  for (const e of c.events) {
    if (e.at <= at) kept.push(e);
    else if (e.kind === FEEDBACK && FEEDBACK_ON_CLOSURE[reason] && rng.chance(0.5)) {
      // Feedback sent when the case ends, telling the sender how it ended.
      e.at = floor(max(at - HOUR, t0 + HOUR));
      e.payload = { ...(e.payload as FeedbackRecord), outcome: FEEDBACK_ON_CLOSURE[reason]! };
      kept.push(e);
    }
  }
  c.events = kept;
  c.push(at, CLOSED, reason);
}

/** When the national system submits an event that happened at `at`. */
function reportTime(c: CaseContext, rng: Prng, at: number): number {
  if (c.cp.monthlyBatch) {
    const d = new NativeDate(at);
    return UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) + rng.between(1, 8) * DAY;
  }
  if (rng.chance(c.cp.lateShare)) return at + rng.between(7, 45) * DAY;
  return at + rng.logNormal(c.cp.lagHours, 1) * HOUR;
}

/**
 * Sets report times (the case.opened first, clamped to `end` so every case opens; the others after
 * it), then adds corrections. Returns false when the whole case was retracted.
 */
export function reportAndCorrect(c: CaseContext, rng: Prng, end: number): boolean {
  const opened = c.opened;
  opened.report = min(floor(reportTime(c, rng, opened.at)), end);
  const planned = c.events;
  for (const e of planned) {
    if (e !== opened) e.report = max(floor(reportTime(c, rng, e.at)), opened.report + MINUTE);
  }
  const n = planned.length;
  for (let i = 0; i < n; i++) {
    const e = planned[i];
    if (e !== opened && rng.chance(c.cp.retractRate)) correct(c, rng, e, end);
  }
  if (rng.chance(CASE_RETRACTION_RATE)) {
    const cut = floor(opened.report + rng.logNormal(4, 1) * DAY);
    if (cut <= end) {
      c.events = c.events.filter((e) => e.report < cut);
      retract(c, opened, cut, cut, CASE_RETRACTIONS.pick(rng));
      return false;
    }
  }
  return true;
}

function retract(c: CaseContext, target: Planned, at: number, report: number, reason: RetractionReason): Planned {
  target.retracted = true;
  const r = c.push(at, RETRACTED, reason);
  r.report = report;
  r.target = target;
  return r;
}

function copyOf(c: CaseContext, e: Planned, payload: Payload, report: number): Planned {
  const p = c.push(e.at, e.kind, payload);
  p.report = report;
  return p;
}

function correct(c: CaseContext, rng: Prng, e: Planned, end: number): void {
  const kind = e.kind;
  if (kind === RETRACTED) return;
  let reason = CORRECTIONS.pick(rng);
  if ((reason === 'duplicate' || reason === 'wrong_case') && kind !== MEASURE) reason = 'data_entry_error';
  if (reason === 'withdrawn_consent' && kind !== MEASURE && kind !== SENT) reason = 'data_entry_error';
  // A duplicate is the same record sent twice under a new eventId; the copy is what gets retracted.
  const target = reason === 'duplicate' ? copyOf(c, e, e.payload, e.report + floor(rng.logNormal(1, 1) * HOUR)) : e;
  const at = floor(target.report + rng.logNormal(3, 1.1) * DAY);
  if (at > end) return;
  const r = retract(c, target, at, floor(at + rng.logNormal(2, 1) * HOUR), reason);
  if (reason !== 'data_entry_error') return;
  // The corrected record follows the retraction.
  let payload = e.payload;
  if (kind === MEASURE) {
    const m = payload as MeasureRecord;
    if (m.status === 'completed') payload = withStatus(m, 'offered');
    else if (m.status === 'offered') payload = withStatus(m, 'completed');
  } else if (kind === CLOSED) {
    payload = payload === 'other' ? 'lost_contact' : 'other';
  }
  const fixed = copyOf(c, e, payload, r.report + MINUTE);
  fixed.link = e.link;
  e.link = null;
}
