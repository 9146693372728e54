import { validateSubmittedEvent } from './libs/domain/src/schema/validate-submitted-event';
import { randomUUID } from 'node:crypto';
const countries = ['AL','BA','BG','HR','XK','MK','MD','ME','RO','RS','CZ','HU','IT','PT','ZW'];
const lines: string[] = [];
for (let i = 0; i < 1_000_000; i++) {
  const c = countries[i % countries.length];
  const base = { eventId: randomUUID(), schemaVersion: 1, country: c, caseRef: `${c}-2024-${i % 5000}`, occurredAt: '2024-03-01T09:30:00.123+01:00' };
  const k = i % 4;
  const e = k === 0 ? { ...base, type: 'case.opened', profile: { ageBand: '18-24', sex: 'female', citizenship: 'UA', exploitation: ['sexual', 'labour'], countryRole: 'destination' } }
    : k === 1 ? { ...base, type: 'measure.recorded', measure: 'SOP2.M1', status: 'completed', actor: 'ngo', checklist: ['a1', 'b2'] }
    : k === 2 ? { ...base, type: 'referral.sent', referralId: `R-${i}`, toCountry: 'DE', purpose: 'assistance', consent: true }
    : { ...base, type: 'case.closed', reason: 'lost_contact' };
  lines.push(JSON.stringify(e));
}
const parsed = lines.map((l) => JSON.parse(l));
const now = new Date('2024-03-02T00:00:00Z');
for (let round = 0; round < 3; round++) {
  let t = process.hrtime.bigint(); let bad = 0;
  for (const e of parsed) if (!validateSubmittedEvent(e, now).ok) bad++;
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  for (const l of lines) if (!validateSubmittedEvent(JSON.parse(l), now).ok) bad++;
  const ms2 = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  for (const l of lines) if (!JSON.parse(l)) bad++;
  const ms3 = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(`parse only: ${(1e3 / ms3).toFixed(2)}M/s; validate cost in parse loop: ${((ms2 - ms3) ).toFixed(0)} ns/event`);
  console.log(`validate only: ${(1e6 / ms * 1000 / 1e6).toFixed(2)}M/s; parse+validate: ${(1e6 / ms2 * 1000 / 1e6).toFixed(2)}M/s bad=${bad}`);
}
