import Ajv, { _ } from 'ajv';
import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_V1 } from './libs/domain/src/schema/event-schema-v1';
import { isRfc3339DateTime } from './libs/domain/src/schema/date-time';
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
const N = 10000;
const parsed = Array.from({ length: N }, (_, i) => JSON.parse(make(i)));
function transform(s: any, f: (k: string, v: any, out: any) => boolean): any {
  if (Array.isArray(s)) return s.map((x) => transform(x, f));
  if (typeof s !== 'object' || s === null) return s;
  const out: any = {};
  for (const [k, v] of Object.entries(s)) if (!f(k, v, out)) out[k] = transform(v, f);
  return out;
}
function compile(name: string, opts: any, f: (k: string, v: any, out: any) => boolean) {
  const ajv = new Ajv({ discriminator: true, messages: false, strict: false, inlineRefs: false, unicodeRegExp: false, ...opts });
  ajv.addFormat('date-time', { type: 'string', validate: isRfc3339DateTime });
  ajv.addFormat('nop', { type: 'string', validate: () => true });
  ajv.addKeyword({ keyword: 'x-enum-set', type: 'string', schemaType: 'array', code(cxt: any) { const set = cxt.gen.scopeValue('keyword', { ref: new Set(cxt.schema) }); cxt.fail(_`!${set}.has(${cxt.data})`); } });
  const v = ajv.compile(transform(EVENT_SCHEMA_V1, f));
  for (let round = 0; round < 4; round++) {
    const t = process.hrtime.bigint(); let bad = 0;
    for (let r = 0; r < 200; r++) for (let i = 0; i < N; i++) if (!v(parsed[i])) bad++;
    if (round === 3) console.log(name.padEnd(30), (Number(process.hrtime.bigint() - t) / (N * 200)).toFixed(0), 'ns', bad);
  }
}
const setEnum = (k: string, v: any, out: any) => { if (k === 'enum' && v.length > 32) { out['x-enum-set'] = v; return true; } return false; };
compile('current', { allErrors: true }, setEnum);
compile('allErrors false', { allErrors: false }, setEnum);
compile('no additionalProps', { allErrors: true }, (k, v, o) => k === 'additionalProperties' || setEnum(k, v, o));
compile('no patterns', { allErrors: true }, (k, v, o) => k === 'pattern' || setEnum(k, v, o));
compile('no format', { allErrors: true }, (k, v, o) => k === 'format' || setEnum(k, v, o));
compile('no enums', { allErrors: true }, (k, v, o) => k === 'enum');
compile('inlineRefs true', { allErrors: true, inlineRefs: true }, setEnum);
