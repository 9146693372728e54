import { randomUUID } from 'node:crypto';
import { AuditModule } from '@trm/audit';
import { CatalogueModule } from '@trm/catalogue';
import { IndicatorsModule } from '@trm/indicators';
import { IngestModule } from '@trm/ingest';
import { OperationsModule } from '@trm/operations';
import { loadDemoDataIfEmpty } from '../../../apps/server/src/demo-loader';
import { startService } from '../../../libs/testing/src/service/service-harness';
import type { ServiceHarness } from '../../../libs/testing/src/service/service-harness';
import { DashboardsModule } from '../../server/dashboards.module';

export type { ServiceHarness };

/**
 * The real service with the dashboards, labelled as demo (`/health` → demoData: true), loaded with
 * the synthetic demo history through the real ingest pipeline at its simulated reporting times (so
 * reporting lag and "as of" have history) with the demo's catalogue documents (trm-BG-1,
 * trm-baseline-2, trm-IT-1, trm-RO-1) published at their simulated times, plus a few HTTP submissions for the audit log.
 */
export async function startDemoService(cases = 700): Promise<ServiceHarness> {
  const svc = await startService({
    modules: [IngestModule, CatalogueModule, IndicatorsModule, OperationsModule, AuditModule, DashboardsModule],
    env: { TRM_DEMO: '1', TRM_DEMO_CASES: String(cases) },
  });
  await loadDemoDataIfEmpty(svc.runtime);
  await submitHttpSample(svc);
  return svc;
}

/** HTTP submissions: a case with a retraction, a duplicate and a rejection, and referrals sent by BG. */
async function submitHttpSample(svc: ServiceHarness): Promise<void> {
  const at = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  const opened = {
    eventId: randomUUID(), type: 'case.opened', schemaVersion: 1, country: 'BG', caseRef: 'BG-AUDIT-0001', occurredAt: at(20),
    profile: { ageBand: '18-24', sex: 'female', citizenship: 'BG', exploitation: ['sexual'], countryRole: 'origin' },
  };
  const m1 = { eventId: randomUUID(), type: 'measure.recorded', schemaVersion: 1, country: 'BG', caseRef: 'BG-AUDIT-0001', occurredAt: at(19), measure: 'SOP1.M1', status: 'completed', actor: 'law_enforcement' };
  const m2 = { eventId: randomUUID(), type: 'measure.recorded', schemaVersion: 1, country: 'BG', caseRef: 'BG-AUDIT-0001', occurredAt: at(18), measure: 'SOP1.M2', status: 'offered', actor: 'ngo' };
  const retraction = { eventId: randomUUID(), type: 'event.retracted', schemaVersion: 1, country: 'BG', caseRef: 'BG-AUDIT-0001', occurredAt: at(17), retractsEventId: m2.eventId, reason: 'data_entry_error' };
  const post = (events: object[]) => fetch(`${svc.url}/v1/events`, {
    method: 'POST', headers: { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' },
    body: events.map((e) => JSON.stringify(e)).join('\n') + '\n',
  }).then((r) => r.json());
  await post([opened, m1, m2]);
  const bad = { ...m1, eventId: randomUUID(), measure: 'SOP9.M9' };
  await post([m1, retraction, bad]);
  await post(bgReferrals(at));
}

/**
 * Referrals sent by BG (an origin country, which in the demo data only receives them), answered
 * by the receiving countries: most acknowledged within 7 days, some with feedback within 90.
 */
function bgReferrals(at: (daysAgo: number) => string): object[] {
  const events: object[] = [];
  const partners = ['DE', 'DE', 'IT', 'IT', 'AT', 'DE', 'IT'];
  partners.forEach((to, i) => {
    const sentAgo = 80 - i * 9;
    const ref = `BG-REF-${i}`;
    const referralId = `BG-REF-${i}-R`;
    const ev = (country: string, caseRef: string, daysAgo: number, fields: object) => events.push({
      eventId: randomUUID(), schemaVersion: 1, country, caseRef, occurredAt: at(daysAgo), ...fields,
    });
    ev('BG', ref, sentAgo + 2, {
      type: 'case.opened',
      profile: { ageBand: i % 3 === 0 ? '15-17' : '25-34', sex: i % 2 ? 'male' : 'female', citizenship: 'BG', exploitation: [i % 2 ? 'labour' : 'sexual'], countryRole: 'origin' },
    });
    ev('BG', ref, sentAgo + 1, { type: 'measure.recorded', measure: 'SOP1.M1', status: 'completed', actor: 'law_enforcement' });
    ev('BG', ref, sentAgo, { type: 'referral.sent', referralId, toCountry: to, purpose: i % 2 ? 'proceedings' : 'assistance', consent: true });
    if (i === 4) return; // never acknowledged: a stalled referral
    const theirs = `${to}-BGREF-${i}`;
    ev(to, theirs, sentAgo - 1, {
      type: 'case.opened',
      profile: { ageBand: i % 3 === 0 ? '15-17' : '25-34', sex: i % 2 ? 'male' : 'female', citizenship: 'BG', exploitation: [i % 2 ? 'labour' : 'sexual'], countryRole: 'destination' },
    });
    ev(to, theirs, sentAgo - (i === 2 ? 9 : 2), { type: 'referral.received', referralId, fromCountry: 'BG' });
    if (i % 2 === 0) ev(to, theirs, sentAgo - 30, { type: 'referral.feedback', referralId, toCountry: 'BG', outcome: 'assisted' });
  });
  return events;
}

/** The pseudonymous case id of the HTTP sample case, as an auditor finds it (gaps detail or lookup). */
export const SAMPLE_CASE = { country: 'BG', caseRef: 'BG-AUDIT-0001' };
