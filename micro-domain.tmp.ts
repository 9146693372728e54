import { parseRfc3339 } from './libs/domain/src/schema/date-time';
import { randomUUID } from 'node:crypto';
const ids = JSON.parse(JSON.stringify(Array.from({ length: 1e6 }, () => randomUUID())));
const dates = JSON.parse(JSON.stringify(Array.from({ length: 1e6 }, (_, i) => `2024-03-0${1 + (i % 9)}T09:30:00.123+01:00`)));
function bench(name: string, arr: string[], f: (s: string) => unknown) { for (let r = 0; r < 4; r++) { const t = process.hrtime.bigint(); let n = 0; for (const d of arr) if (f(d)) n++; const ns = Number(process.hrtime.bigint() - t) / 1e6; if (r === 3) console.log(name, ns.toFixed(0), 'ns/op', n); } }
const reU = new RegExp('^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', 'u');
const re = new RegExp('^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$');
bench('uuid re u', ids, (s) => reU.test(s));
bench('uuid re', ids, (s) => re.test(s));
bench('parseRfc3339', dates, (s) => parseRfc3339(s) > 0);
bench('Date.parse', dates, (s) => Date.parse(s) > 0);
bench('Date.UTC', dates, (s) => Date.UTC(2024, 2, s.length, 9, 30, 0, 123) > 0);
bench('noop', dates, (s) => s.length > 0);
const HEX = new Uint8Array(128); for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
function isUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) { if (c !== 45) return false; } else if (c > 127 || HEX[c] === 0) return false;
  }
  return true;
}
bench('isUuid', ids, isUuid);
const lines = Array.from({ length: 1e6 }, (_, i) => JSON.stringify({ eventId: ids[i], type: 'measure.recorded', schemaVersion: 1, country: 'IT', caseRef: 'IT-2024-' + i, occurredAt: dates[i], measure: 'SOP2.M1', status: 'completed', actor: 'ngo' }));
bench('JSON.parse', lines, (l) => JSON.parse(l));
