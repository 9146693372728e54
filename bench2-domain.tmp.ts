import { validateSubmittedEvent } from './libs/domain/src/schema/validate-submitted-event';
import { randomUUID } from 'node:crypto';
const countries = ['AL','BA','BG','HR','XK','MK','MD','ME','RO','RS','CZ','HU','IT','PT','ZW'];
const make = (i: number) => {
  const c = countries[i % countries.length];
  const base = { eventId: randomUUID(), schemaVersion: 1, country: c, caseRef: `${c}-2024-${i % 5000}`, occurredAt: `2024-03-0${1 + (i % 9)}T09:30:00.123+01:00` };
  const k = i % 4;
  return JSON.stringify(k === 0 ? { ...base, type: 'case.opened', profile: { ageBand: '18-24', sex: 'female', citizenship: 'UA', exploitation: ['sexual', 'labour'], countryRole: 'destination' } }
    : k === 1 ? { ...base, type: 'measure.recorded', measure: 'SOP2.M1', status: 'completed', actor: 'ngo', checklist: ['a1', 'b2'] }
    : k === 2 ? { ...base, type: 'referral.sent', referralId: `R-${i}`, toCountry: 'DE', purpose: 'assistance', consent: true }
    : { ...base, type: 'case.closed', reason: 'lost_contact' });
};
const N = Number(process.argv[2] ?? 10000), R = Math.ceil(2e6 / N);
const parsed = Array.from({ length: N }, (_, i) => JSON.parse(make(i)));
const now = new Date('2024-03-12T00:00:00Z');
for (let round = 0; round < 5; round++) {
  const t = process.hrtime.bigint(); let bad = 0;
  for (let r = 0; r < R; r++) for (let i = 0; i < N; i++) if (!validateSubmittedEvent(parsed[i], now).ok) bad++;
  const ns = Number(process.hrtime.bigint() - t) / (N * R);
  console.log(`N=${N}: ${ns.toFixed(0)} ns/event = ${(1e3 / ns).toFixed(2)}M/s bad=${bad}`);
}
