// The project's own hostile corpus (issue 12): bad inputs a stolen submitter key or a curious
// reader could send, each with the exact answer it must get. Every text a case carries into the
// service holds a marker — a made-up person's name, e-mail, phone number or date of birth — that
// must never reach the data directory or the log, whatever the answer.
import { randomUUID } from 'node:crypto';

export type Category =
  | 'ndjson-body' | 'ndjson-event' | 'json-body' | 'json-event' | 'csv-header' | 'csv-body' | 'csv-event'
  | 'headers' | 'query' | 'path' | 'json-endpoint';

export interface HostileCase {
  name: string;
  category: Category;
  method: 'GET' | 'POST';
  path: string;
  /** The key id to send (test keys: the secret is `secret-<id>`); none: no Authorization header. */
  key?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  status: number;
  /** The answer's `error` code, or for a 200 submission the code its one rejected event must carry. */
  code: string | null;
  /** The markers this case carries. */
  markers: string[];
}

let n = 0;
/** A fresh marker that looks like personal data and matches the caseRef / referralId patterns. */
function marker(kind: 'name' | 'email' | 'phone' | 'address' | 'dob' = 'name'): string {
  n += 1;
  switch (kind) {
    case 'email': return `ioana.marinescu${n}@example.org`;
    case 'phone': return `+40 721 555 ${String(1000 + n)}`;
    case 'address': return `Strada Lipscani ${n}, Bucuresti`;
    case 'dob': return `Ioana.Marinescu.1990-01-${String(10 + (n % 18))}.${n}`;
    default: return `IoanaMarinescu${n}`;
  }
}

const NOW = '2024-03-01T09:30:00+01:00';
const profile = () => ({ ageBand: '18-24', sex: 'female', citizenship: 'RO', exploitation: ['sexual'], countryRole: 'destination' });
const base = (type: string, caseRef = `BG-H-${randomUUID().slice(0, 8)}`) => ({ eventId: randomUUID(), type, schemaVersion: 1, country: 'BG', caseRef, occurredAt: NOW });
export const validOpened = (caseRef?: string): Record<string, unknown> => ({ ...base('case.opened', caseRef), profile: profile() });
const validMeasure = (): Record<string, unknown> => ({ ...base('measure.recorded'), measure: 'SOP1.M1', status: 'completed', actor: 'ngo' });
const validSent = (): Record<string, unknown> => ({ ...base('referral.sent'), referralId: 'R-1', toCountry: 'RO', purpose: 'assistance', consent: true });
const validReceived = (): Record<string, unknown> => ({ ...base('referral.received'), referralId: 'R-1', fromCountry: 'RO' });
const validFeedback = (): Record<string, unknown> => ({ ...base('referral.feedback'), referralId: 'R-1', toCountry: 'RO', outcome: 'assisted' });
const validClosed = (): Record<string, unknown> => ({ ...base('case.closed'), reason: 'lost_contact' });
const validRetracted = (): Record<string, unknown> => ({ ...base('event.retracted'), retractsEventId: randomUUID(), reason: 'duplicate' });

const NDJSON = { 'content-type': 'application/x-ndjson' };
const JSON_CT = { 'content-type': 'application/json' };
const CSV_CT = { 'content-type': 'text/csv' };

function submit(name: string, category: Category, body: string | Buffer, status: number, code: string | null, markers: string[], headers: Record<string, string> = NDJSON): HostileCase {
  return { name, category, method: 'POST', path: '/v1/events', key: 'submitter', headers, body, status, code, markers };
}

/** One event in an NDJSON body, rejected per event with `code`. */
function event(name: string, e: unknown, code: string, markers: string[]): HostileCase {
  return submit(name, 'ndjson-event', `${JSON.stringify(e)}\n`, 200, code, markers);
}

function deep(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

export function hostileCorpus(): HostileCase[] {
  const cases: HostileCase[] = [];

  // ── NDJSON bodies refused whole ──
  const proto: [string, (m: string) => string][] = [
    ['__proto__ at the top', (m) => `{"__proto__":{"polluted":"${m}"},${JSON.stringify(validOpened()).slice(1)}`],
    ['constructor.prototype at the top', (m) => `{"constructor":{"prototype":{"x":"${m}"}},${JSON.stringify(validOpened()).slice(1)}`],
    ['__proto__ inside profile', (m) => JSON.stringify(validOpened()).replace('"profile":{', `"profile":{"__proto__":{"x":"${m}"},`)],
    ['prototype key', (m) => `{"prototype":"${m}",${JSON.stringify(validClosed()).slice(1)}`],
    ['constructor key', (m) => `{"constructor":"${m}",${JSON.stringify(validClosed()).slice(1)}`],
    ['__proto__ on the second line', (m) => `${JSON.stringify(validOpened())}\n{"__proto__":"${m}"}`],
    ['__proto__ as an escaped key', (m) => `{"\\u005f_proto__":{"x":"${m}"},${JSON.stringify(validClosed()).slice(1)}`],
    ['__proto__ null', () => `{"__proto__":null,${JSON.stringify(validClosed()).slice(1)}`],
  ];
  for (const [name, body] of proto) {
    const m = marker();
    cases.push(submit(`NDJSON: ${name}`, 'ndjson-body', `${body(m)}\n`, 400, 'forbidden_key', [m]));
  }
  for (const depth of [9, 12, 100, 1_000, 10_000, 100_000]) {
    cases.push(submit(`NDJSON: arrays ${depth} deep`, 'ndjson-body', `${deep(depth, '[', ']')}\n`, 400, 'nesting_too_deep', []));
    const m = marker();
    cases.push(submit(`NDJSON: objects ${depth} deep`, 'ndjson-body', `${deep(depth, '{"a":', '}', `"${m}"`)}\n`, 400, 'nesting_too_deep', [m]));
  }
  for (const depth of [10_000, 100_000]) {
    const m = marker();
    cases.push(submit(`NDJSON: ${depth} deep with an Idempotency-Key`, 'ndjson-body', `${deep(depth, '[', ']', `"${m}"`)}\n`, 400, 'nesting_too_deep', [m], { ...NDJSON, 'idempotency-key': randomUUID() }));
  }
  const dup: [string, (m: string) => string][] = [
    ['country twice', (m) => JSON.stringify(validClosed()).replace('"country":"BG"', `"country":"BG","caseRef":"${m}","country":"RO"`)],
    ['eventId twice', () => JSON.stringify(validClosed()).replace('{', `{"eventId":"${randomUUID()}",`)],
    ['profile.sex twice', () => JSON.stringify(validOpened()).replace('"sex":"female"', '"sex":"female","sex":"male"')],
    ['type twice', () => JSON.stringify(validClosed()).replace('{', '{"type":"case.opened",')],
    ['caseRef twice (a name hidden in the first)', (m) => JSON.stringify(validClosed()).replace('{', `{"caseRef":"${m}",`)],
    ['an unknown key twice', (m) => JSON.stringify(validClosed()).replace('{', `{"${m}":1,"${m}":2,`)],
  ];
  for (const [name, body] of dup) {
    const m = marker('dob');
    cases.push(submit(`NDJSON: ${name}`, 'ndjson-body', `${body(m)}\n`, 400, 'duplicate_key', [m]));
  }
  const utf8: [string, number[]][] = [
    ['lone 0xFF', [0xff]], ['bad continuation', [0xc3, 0x28]], ['overlong slash', [0xc0, 0xaf]], ['UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['truncated euro sign', [0xe2, 0x82]], ['code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]], ['0xFE', [0xfe]], ['Latin-1 ş', [0xba]],
  ];
  for (const [name, bytes] of utf8) {
    const m = marker();
    const json = JSON.stringify({ ...validOpened(), caseRef: `${m}X` });
    const at = json.indexOf('X"');
    const body = Buffer.concat([Buffer.from(json.slice(0, at)), Buffer.from(bytes), Buffer.from(`${json.slice(at + 1)}\n`)]);
    cases.push(submit(`NDJSON: invalid UTF-8 (${name})`, 'ndjson-body', body, 400, 'invalid_utf8', [m]));
  }
  const malformed: [string, (m: string) => string][] = [
    ['trailing comma', (m) => `{"caseRef":"${m}",}`], ['single quotes', (m) => `{'caseRef':'${m}'}`], ['NaN', () => '{"schemaVersion":NaN}'],
    ['unquoted key', (m) => `{caseRef:"${m}"}`], ['a comment', (m) => `{"a":1} // ${m}`], ['NUL outside a string', () => '{"a":1}\u0000'],
    ['an open brace', () => '{'], ['a lone quote', (m) => `"${m}`], ['two values on a line', () => '{"a":1}{"b":2}'], ['a BOM in the middle', () => '{"a":1}\uFEFF'],
    ['Infinity', () => '{"schemaVersion":Infinity}'], ['hex number', () => '{"schemaVersion":0x1}'], ['raw tab in a string', (m) => `{"caseRef":"${m}\t"}`.replace('\\t', '\t')],
    ['raw newline splits an event', (m) => `{"caseRef":"${m}\n"}`], ['undefined', () => 'undefined'],
  ];
  for (const [name, body] of malformed) {
    const m = marker();
    cases.push(submit(`NDJSON: ${name}`, 'ndjson-body', `${body(m)}\n`, 400, 'malformed_body', [m]));
  }

  // ── Events refused one by one: personal data in every field that carries text ──
  const textFields: [string, () => Record<string, unknown>, string, string][] = [
    ['caseRef', validOpened, 'caseRef', 'pattern'], ['eventId', validOpened, 'eventId', 'pattern'], ['type', validOpened, 'type', 'enum'],
    ['country', validOpened, 'country', 'enum'], ['occurredAt', validOpened, 'occurredAt', 'format'],
    ['measure', validMeasure, 'measure', 'pattern'], ['status', validMeasure, 'status', 'enum'], ['actor', validMeasure, 'actor', 'enum'],
    ['catalogueVersion', validMeasure, 'catalogueVersion', 'pattern'], ['referralId (sent)', validSent, 'referralId', 'pattern'],
    ['toCountry', validSent, 'toCountry', 'enum'], ['purpose', validSent, 'purpose', 'enum'], ['referralId (received)', validReceived, 'referralId', 'pattern'],
    ['fromCountry', validReceived, 'fromCountry', 'enum'], ['outcome', validFeedback, 'outcome', 'enum'], ['reason (closed)', validClosed, 'reason', 'enum'],
    ['retractsEventId', validRetracted, 'retractsEventId', 'pattern'], ['reason (retracted)', validRetracted, 'reason', 'enum'],
  ];
  const kinds = ['email', 'phone', 'address'] as const;
  for (const [name, make, field, code] of textFields) {
    for (const kind of kinds) {
      const m = marker(kind);
      cases.push(event(`event: ${kind} in ${name}`, { ...make(), [field]: m }, field === 'type' ? 'enum' : code, [m]));
    }
  }
  for (const field of ['ageBand', 'sex', 'citizenship', 'countryRole'] as const) {
    for (const kind of kinds) {
      const m = marker(kind);
      const e = validOpened();
      cases.push(event(`event: ${kind} in profile.${field}`, { ...e, profile: { ...profile(), [field]: m } }, 'enum', [m]));
    }
  }
  for (const kind of kinds) {
    const m = marker(kind);
    cases.push(event(`event: ${kind} in profile.exploitation`, { ...validOpened(), profile: { ...profile(), exploitation: ['sexual', m] } }, 'enum', [m]));
    const c = marker(kind);
    cases.push(event(`event: ${kind} as a checklist item`, { ...validMeasure(), checklist: [c] }, 'pattern', [c]));
  }
  for (const text of ['consent.signed', 'lang_RO', 'SOP1.M1.0', 'SOP1.M1.x']) {
    cases.push(event(`event: checklist item ${text} is not a code`, { ...validMeasure(), checklist: [text] }, 'pattern', []));
  }
  cases.push(event('event: checklist item of another measure', { ...validMeasure(), checklist: ['SOP2.M1.1'] }, 'unknown_checklist_item', []));
  for (const kind of ['name', 'email', 'phone', 'address', 'dob'] as const) {
    const m = marker(kind);
    cases.push(event(`event: unknown property named with a ${kind}`, { ...validClosed(), [m]: 1 }, 'additionalProperties', [m]));
    const v = marker(kind);
    cases.push(event(`event: unknown property holding a ${kind}`, { ...validClosed(), notes: v }, 'additionalProperties', [v]));
    const p = marker(kind);
    cases.push(event(`event: unknown profile property named with a ${kind}`, { ...validOpened(), profile: { ...profile(), [p]: true } }, 'additionalProperties', [p]));
  }
  // Huge strings and numbers, NUL bytes, odd types.
  const huge = `${marker()}${'x'.repeat(1_000_000)}`;
  cases.push(event('event: a 1 MB caseRef', { ...validOpened(), caseRef: huge }, 'pattern', [huge.slice(0, 20)]));
  cases.push(event('event: a 1 MB referralId', { ...validSent(), referralId: huge }, 'pattern', [huge.slice(0, 20)]));
  for (const [name, value] of [['1e400', '1e400'], ['-0', '-0'], ['1.0000000000000002', '1.0000000000000002'], ['2^64', '18446744073709551616'], ['a string', '"1"'], ['true', 'true'], ['null', 'null'], ['an array', '[1]']] as const) {
    cases.push(submit(`event: schemaVersion ${name}`, 'ndjson-event', `${JSON.stringify(validClosed()).replace('"schemaVersion":1', `"schemaVersion":${value}`)}\n`, 200, 'const', []));
  }
  for (const field of ['caseRef', 'country', 'referralId'] as const) {
    const m = marker();
    const make = field === 'referralId' ? validSent : validOpened;
    cases.push(event(`event: NUL byte in ${field}`, { ...make(), [field]: `${m}\u0000` }, field === 'country' ? 'enum' : 'pattern', [m]));
  }
  for (const [name, value] of [['a number', 42], ['an object', { a: 1 }], ['an array', ['BG-1']], ['null', null], ['true', true]] as const) {
    cases.push(event(`event: caseRef is ${name}`, { ...validOpened(), caseRef: value }, 'type', []));
  }
  for (const [name, body] of [['a number', '5'], ['a string', '"case"'], ['null', 'null'], ['an array of events', `[${JSON.stringify(validClosed())}]`], ['an empty object', '{}']] as const) {
    cases.push(submit(`event: a line that is ${name}`, 'ndjson-event', `${body}\n`, 200, name === 'an empty object' ? 'required' : 'type', []));
  }
  // Odd dates and offsets.
  const dates: [string, string][] = [
    ['0000-01-01T00:00:00Z', 'occurred_out_of_range'], ['1899-12-31T23:59:59Z', 'occurred_out_of_range'], ['1989-12-31T23:59:59.999Z', 'occurred_out_of_range'],
    ['1990-01-01T00:30:00+01:00', 'occurred_out_of_range'], ['2024-01-01T00:00:00+23:59', 'format'], ['2024-01-01T00:00:00-12:01', 'format'],
    ['2024-01-01T00:00:00+14:01', 'format'], ['2024-01-01T00:00:00+24:00', 'format'], ['2024-01-01T00:00:00+01:60', 'format'], ['2016-12-31T23:59:60Z', 'format'],
    ['2023-02-29T00:00:00Z', 'format'], ['2024-04-31T00:00:00Z', 'format'], ['2024-01-01T24:00:00Z', 'format'], ['2024-01-01T00:00:00.1234567890Z', 'format'],
    ['2024-01-01 00:00:00Z', 'format'], ['2024-01-01T00:00:00', 'format'], ['2024-01-01', 'format'], ['2024-01-01T00:00:00+0100', 'format'],
    ['2024-01-01T00:00:00Z ', 'format'], ['+002024-01-01T00:00:00Z', 'format'], ['9999-12-31T23:59:59Z', 'occurred_in_future'], ['2099-01-01T00:00:00Z', 'occurred_in_future'],
    ['-000001-01-01T00:00:00Z', 'format'], ['2024-W01-1T00:00:00Z', 'format'], ['1704067200000', 'format'],
  ];
  for (const [occurredAt, code] of dates) cases.push(event(`event: occurredAt ${occurredAt}`, { ...validOpened(), occurredAt }, code, []));
  // Formula injection, as a spreadsheet would read an export.
  for (const cell of ['=HYPERLINK("http://x","y")', '+cmd|calc', '-2+3', '@SUM(A1)', '=1+1', '\t=1+1']) {
    const m = marker();
    cases.push(event(`event: formula ${JSON.stringify(cell)} in caseRef`, { ...validOpened(), caseRef: `${cell}${m}` }, 'pattern', [m]));
    cases.push(event(`event: formula ${JSON.stringify(cell)} in referralId`, { ...validSent(), referralId: `${cell}${m}` }, 'pattern', [m]));
  }

  // ── JSON bodies ──
  for (const [name, body] of proto.slice(0, 5)) {
    const m = marker();
    cases.push(submit(`JSON: ${name}`, 'json-body', `[${body(m)}]`, 400, 'forbidden_key', [m], JSON_CT));
  }
  for (const depth of [10, 1_000, 100_000]) {
    cases.push(submit(`JSON: ${depth} deep`, 'json-body', deep(depth, '[', ']'), 400, 'nesting_too_deep', [], JSON_CT));
  }
  for (const [name, body] of dup.slice(0, 4)) {
    const m = marker('dob');
    cases.push(submit(`JSON: ${name}`, 'json-body', `[${body(m)}]`, 400, 'duplicate_key', [m], JSON_CT));
  }
  for (const [name, bytes] of utf8.slice(0, 4)) {
    cases.push(submit(`JSON: invalid UTF-8 (${name})`, 'json-body', Buffer.concat([Buffer.from('[{"caseRef":"'), Buffer.from(bytes), Buffer.from('"}]')]), 400, 'invalid_utf8', [], JSON_CT));
  }
  for (const [name, body] of [['empty', ''], ['a number', '5'], ['a string', '"x"'], ['null', 'null'], ['true', 'true'], ['truncated', '[{"a":1}'], ['two documents', '[] []'], ['a BOM then garbage', '\uFEFF{'], ['only whitespace', '   ']] as const) {
    cases.push(submit(`JSON: body ${name}`, 'json-body', body, 400, 'malformed_body', [], JSON_CT));
  }
  for (const [name, make, field] of [['caseRef', validOpened, 'caseRef'], ['referralId', validSent, 'referralId']] as const) {
    const m = marker('email');
    cases.push(submit(`JSON event: e-mail in ${name}`, 'json-event', JSON.stringify([{ ...make(), [field]: m }]), 200, 'pattern', [m], JSON_CT));
  }
  {
    const m = marker('email');
    cases.push(submit('JSON event: unknown property named with an e-mail', 'json-event', JSON.stringify([{ ...validClosed(), [m]: 'x' }]), 200, 'additionalProperties', [m], JSON_CT));
  }

  // ── CSV ──
  const header = 'eventId,type,schemaVersion,country,caseRef,occurredAt,reason';
  const row = () => `${randomUUID()},case.closed,1,BG,BG-H-CSV,${NOW},lost_contact`;
  for (const column of ['__proto__.x', 'constructor.prototype.x', 'profile.__proto__.polluted', 'prototype', '__proto__', 'constructor', 'a..b', '1abc', '.profile', 'profile.', 'profile.ageBand.x.y', 'caseRef[0]', 'x y', '']) {
    cases.push(submit(`CSV: header column ${JSON.stringify(column)}`, 'csv-header', `${header},${column}\n${row()},y\n`, 400, 'forbidden_column', [], CSV_CT));
  }
  for (const [name, cols] of [['caseRef twice', 'caseRef'], ['profile and profile.sex', 'profile,profile.sex']] as const) {
    cases.push(submit(`CSV: ${name}`, 'csv-header', `${header},${cols}\n${row()},a${cols.includes(',') ? ',b' : ''}\n`, 400, 'duplicate_column', [], CSV_CT));
  }
  cases.push(submit('CSV: a header without type', 'csv-header', `eventId,schemaVersion,country,caseRef,occurredAt,reason\n${randomUUID()},1,BG,x,${NOW},lost_contact\n`, 400, 'missing_column', [], CSV_CT));
  cases.push(submit('CSV: the body null', 'csv-header', 'null', 400, 'missing_column', [], CSV_CT));
  cases.push(submit('CSV: 100 columns', 'csv-header', `${Array.from({ length: 100 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(99)}1\n`, 400, 'too_many_columns', [], CSV_CT));
  {
    const m = marker();
    cases.push(submit('CSV: unclosed quote', 'csv-body', `${header}\n"${m},case.closed\n`, 400, 'malformed_body', [m], CSV_CT));
    cases.push(submit('CSV: a row with too many cells', 'csv-body', `${header}\n${row()},extra\n`, 400, 'malformed_body', [], CSV_CT));
    cases.push(submit('CSV: invalid UTF-8', 'csv-body', Buffer.concat([Buffer.from(`${header}\n`), Buffer.from([0xff, 0xfe]), Buffer.from(',x\n')]), 400, 'invalid_utf8', [], CSV_CT));
  }
  for (const kind of ['name', 'email', 'phone', 'address'] as const) {
    const m = marker(kind);
    const column = `x${m.replace(/[^A-Za-z0-9]/g, '')}`;
    cases.push(submit(`CSV event: unknown column ${kind}`, 'csv-event', `${header},${column}\n${row()},x\n`, 200, 'additionalProperties', [column], CSV_CT));
    const v = marker(kind);
    // A bare name matches the caseRef pattern: it is accepted as a reference (to be re-keyed), and
    // this case does not exist.
    cases.push(submit(`CSV event: ${kind} in caseRef`, 'csv-event', `${header}\n${row().replace('BG-H-CSV', `"${v}"`)}\n`, 200, kind === 'name' ? 'unknown_case' : 'pattern', [v], CSV_CT));
  }
  for (const cell of ['=HYPERLINK("http://x")', '+1+1', '@SUM(A1)', '=cmd|calc']) {
    const m = marker();
    cases.push(submit(`CSV event: formula ${cell} in caseRef`, 'csv-event', `${header}\n${row().replace('BG-H-CSV', `"${cell.replace(/"/g, '""')}${m}"`)}\n`, 200, 'pattern', [m], CSV_CT));
  }

  // ── Headers ──
  const closed = `${JSON.stringify(validClosed())}\n`;
  for (const [name, headers, status, code] of [
    ['no content type', {}, 415, 'unsupported_media_type'], ['text/plain', { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
    ['application/xml', { 'content-type': 'application/xml' }, 415, 'unsupported_media_type'], ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, 415, 'unsupported_media_type'],
    ['Idempotency-Key with a space', { ...NDJSON, 'idempotency-key': 'batch 1' }, 400, 'bad_idempotency_key'],
    ['Idempotency-Key of 201 characters', { ...NDJSON, 'idempotency-key': 'k'.repeat(201) }, 400, 'bad_idempotency_key'],
    ['Idempotency-Key percent-encoded', { ...NDJSON, 'idempotency-key': encodeURIComponent('ş') }, 200, 'unknown_case'],
  ] as const) {
    cases.push({ name: `headers: ${name}`, category: 'headers', method: 'POST', path: '/v1/events', key: 'submitter', headers: headers as Record<string, string>, body: closed, status, code, markers: [] });
  }
  for (const kind of ['email', 'name', 'dob'] as const) {
    const m = marker(kind).replace(/ /g, '-');
    cases.push({ name: `headers: Idempotency-Key holding a ${kind}`, category: 'headers', method: 'POST', path: '/v1/events', key: 'submitter', headers: { ...NDJSON, 'idempotency-key': m }, body: `${JSON.stringify({ ...validClosed(), reason: 'x' })}\n`, status: 200, code: 'enum', markers: [m] });
  }
  for (const [name, authorization] of [['no key', undefined], ['Bearer and nothing', 'Bearer '], ['Basic', 'Basic YTpi'], ['a wrong key', 'Bearer secret-nobody'], ['two keys', 'Bearer a b'], ['a marker as key', `Bearer ${marker()}`]] as const) {
    cases.push({ name: `headers: ${name}`, category: 'headers', method: 'POST', path: '/v1/events', headers: { ...NDJSON, ...(authorization ? { authorization } : {}) }, body: closed, status: 401, code: 'unauthorized', markers: authorization?.startsWith('Bearer Ioana') ? [authorization.slice(7)] : [] });
  }
  cases.push({ name: 'headers: a manager may not submit', category: 'headers', method: 'POST', path: '/v1/events', key: 'manager', headers: NDJSON, body: closed, status: 403, code: 'forbidden', markers: [] });
  cases.push({ name: 'headers: another country\'s key', category: 'headers', method: 'POST', path: '/v1/events', key: 'submitter-bg', headers: NDJSON, body: `${JSON.stringify({ ...validClosed(), country: 'RO' })}\n`, status: 200, code: 'forbidden_country', markers: [] });

  // ── Query parameters ──
  const q = (name: string, path: string, status: number, code: string, key = 'auditor'): HostileCase => ({ name: `query: ${name}`, category: 'query', method: 'GET', path, key, status, code, markers: [] });
  for (const asOf of ['1969-12-31', '1969-12-31T23:59:59Z', '0000-01-01', '1899-01-01T00:00:00Z', '2300-01-01', '9999-12-31']) {
    cases.push(q(`asOf=${asOf}`, `/v1/indicators/case.count?asOf=${encodeURIComponent(asOf)}`, 400, 'out_of_range'));
  }
  for (const [param, value] of [['asOf', 'yesterday'], ['asOf', '2024-13-01'], ['from', '2024-02-30'], ['to', 'now'], ['from', '1709285400000'], ['asOf', '2024-01-01T00:00:00+25:00']] as const) {
    cases.push(q(`${param}=${value}`, `/v1/indicators/case.count?${param}=${encodeURIComponent(value)}`, 400, 'invalid_query'));
  }
  cases.push(q('from after to', '/v1/indicators/case.count?from=2025-01-01&to=2024-01-01', 400, 'invalid_query'));
  for (const groupBy of ['__proto__', 'constructor', 'toString', 'country,__proto__', 'period:day', "country'; DROP TABLE events_v1; --"]) {
    cases.push(q(`groupBy=${groupBy}`, `/v1/indicators/case.count?groupBy=${encodeURIComponent(groupBy)}`, 400, 'invalid_query'));
  }
  for (const country of ['__proto__', 'XXX', "BG'--", 'b g', '12']) {
    cases.push(q(`country=${country}`, `/v1/indicators/case.count?country=${encodeURIComponent(country)}`, 400, 'invalid_query'));
  }
  for (const sop of ['6', '0', '__proto__', '1.5', '-1']) {
    cases.push(q(`sop=${sop}`, `/v1/indicators/sop.reach?sop=${encodeURIComponent(sop)}`, 400, 'invalid_query'));
  }
  for (const m of ['SOP9.M1', "SOP1.M1' OR 1=1", '__proto__', 'constructor']) {
    cases.push(q(`measure=${m}`, `/v1/indicators/measure.delivery?measure=${encodeURIComponent(m)}`, 400, 'invalid_query'));
  }
  for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'case.count.sql', '..%2F..%2Fetc%2Fpasswd']) {
    cases.push(q(`indicator ${id}`, `/v1/indicators/${id}`, 404, 'not_found'));
  }
  for (const file of ['constructor.svg', '__proto__.svg', 'toString.svg', 'valueOf.svg', 'hasOwnProperty.svg', 'no-such-panel.svg', 'rapporteur-heatmap']) {
    cases.push(q(`panel ${file}`, `/v1/panels/${file}`, 404, 'not_found'));
  }
  for (const width of ['abc', '10', '1e9', '-5']) {
    cases.push(q(`panel width=${width}`, `/v1/panels/programme-matrix.svg?width=${width}`, 400, 'bad_request'));
  }
  cases.push(q('panel compare=constructor (falls back to the default panel)', '/v1/panels/programme-matrix.svg?compare=constructor&width=abc', 400, 'bad_request'));
  cases.push(q('gaps asOf before 1970', '/v1/gaps?asOf=1960-01-01', 400, 'out_of_range'));
  // Referrals from both sides (toCountry) and the open-referral list.
  for (const to of ['__proto__', 'constructor', 'XXX', "IT'--", '12']) {
    cases.push(q(`toCountry=${to}`, `/v1/indicators/referral.unacknowledged?toCountry=${encodeURIComponent(to)}`, 400, 'invalid_query'));
    cases.push(q(`open referrals toCountry=${to}`, `/v1/referrals/open?toCountry=${encodeURIComponent(to)}`, 400, 'invalid_query'));
  }
  for (const kind of ['email', 'phone', 'name'] as const) {
    const m = marker(kind);
    cases.push({ ...q(`toCountry holding a ${kind}`, `/v1/indicators/referral.feedback_outcome?toCountry=${encodeURIComponent(m)}`, 400, 'invalid_query'), markers: [m] });
    const p = marker(kind).replace(/[^A-Za-z0-9]/g, '');
    cases.push({ ...q(`open referrals: an unknown parameter named with a ${kind}`, `/v1/referrals/open?${p}=1`, 400, 'invalid_query'), markers: [p] });
  }
  for (const asOf of ['1969-12-31', '2024-02-30', '__proto__']) {
    cases.push(q(`open referrals asOf=${asOf}`, `/v1/referrals/open?asOf=${asOf}`, 400, asOf.startsWith('1969') ? 'out_of_range' : 'invalid_query'));
  }
  cases.push(q('open referrals as a manager', '/v1/referrals/open', 403, 'forbidden', 'manager'));
  cases.push(q('open referrals as a submitter', '/v1/referrals/open', 403, 'forbidden', 'submitter'));
  cases.push(q('open referrals of countries outside a rapporteur\'s scope', '/v1/referrals/open?country=IT&toCountry=RO', 403, 'forbidden', 'rapporteur-bg'));
  cases.push(q('toCountry on a case indicator', '/v1/indicators/case.count?toCountry=IT', 400, 'invalid_query'));
  cases.push(q('sop on a referral indicator', '/v1/indicators/referral.unacknowledged?sop=1', 400, 'invalid_query'));
  cases.push(q('groupBy=outcome on case.closure', '/v1/indicators/case.closure?groupBy=outcome', 400, 'invalid_query'));
  cases.push(q('groupBy=closureReason on a referral indicator', '/v1/indicators/referral.feedback?groupBy=closureReason', 400, 'invalid_query'));
  cases.push(q('groupBy=outcome,__proto__', '/v1/indicators/referral.feedback_outcome?groupBy=outcome,__proto__', 400, 'invalid_query'));
  // Disclosure control: a manager's period on month starts only.
  cases.push(q('manager from mid-month', '/v1/indicators/case.count?from=2025-03-15', 400, 'period_not_aligned', 'manager'));
  cases.push(q('manager to a millisecond apart', '/v1/indicators/case.count?to=2025-03-25T09:24:00.094Z', 400, 'period_not_aligned', 'manager'));
  cases.push(q('manager gaps from mid-month', '/v1/gaps?from=2025-03-15', 400, 'period_not_aligned', 'manager'));
  cases.push(q('gaps as a manager with case ids', '/v1/gaps?detail=cases', 403, 'forbidden', 'manager'));
  for (const id of ['x', 'a'.repeat(27), 'AAAAAAAAAAAAAAAAAAAAAAAAAA', '__proto__', 'constructor']) {
    cases.push(q(`audit case id ${id.slice(0, 12)}`, `/v1/audit/cases/${encodeURIComponent(id)}/events`, 400, 'bad_request'));
  }
  for (const limit of ['-1', '0', 'abc', '10001', '1e3']) {
    cases.push(q(`audit limit=${limit}`, `/v1/audit/submissions?limit=${limit}`, 400, 'bad_request'));
  }
  cases.push(q('submission that does not exist', `/v1/audit/submissions/${randomUUID()}`, 404, 'not_found'));
  cases.push(q('own submissions: another key\'s id', `/v1/submissions/${randomUUID()}`, 404, 'not_found', 'submitter'));
  cases.push(q('unknown route', '/v1/../../etc/passwd', 404, 'not_found'));

  // ── JSON endpoints ──
  const post = (name: string, path: string, body: string, status: number, code: string, markers: string[] = [], key = 'auditor'): HostileCase =>
    ({ name: `endpoint: ${name}`, category: 'json-endpoint', method: 'POST', path, key, headers: JSON_CT, body, status, code, markers });
  {
    const m = marker();
    cases.push(post('lookup with __proto__', '/v1/cases/lookup', `{"__proto__":{"x":1},"country":"BG","caseRef":"${m}"}`, 400, 'forbidden_key', [m]));
    const d = marker();
    cases.push(post('lookup with a duplicate key', '/v1/cases/lookup', `{"country":"BG","caseRef":"x","caseRef":"${d}"}`, 400, 'duplicate_key', [d]));
    const e = marker('email');
    cases.push(post('lookup with an e-mail as caseRef', '/v1/cases/lookup', JSON.stringify({ country: 'BG', caseRef: e }), 400, 'bad_request', [e]));
    cases.push(post('lookup nested 1,000 deep', '/v1/cases/lookup', deep(1_000, '{"a":', '}'), 400, 'nesting_too_deep'));
    cases.push(post('lookup with invalid UTF-8', '/v1/cases/lookup', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) as unknown as string, 400, 'invalid_utf8'));
    cases.push(post('lookup of an array', '/v1/cases/lookup', '[]', 400, 'bad_request'));
    cases.push(post('replay with a non-JSON body', '/v1/audit/replay', '{swap:true}', 400, 'malformed_body'));
    cases.push(post('replay with __proto__', '/v1/audit/replay', '{"__proto__":{"swap":true}}', 400, 'forbidden_key'));
  }
  cases.push(...catalogueCases(q, post));
  return cases;
}

type Query = (name: string, path: string, status: number, code: string, key?: string) => HostileCase;
type Post = (name: string, path: string, body: string, status: number, code: string, markers?: string[], key?: string) => HostileCase;

/** A national profile that would pass every publishing check (each case below breaks one thing). */
const validProfile = (): Record<string, unknown> => ({
  id: `trm-BG-h${randomUUID().slice(0, 8)}`, kind: 'national', country: 'BG', base: 'trm-baseline-1', effectiveFrom: '2025-01-01',
  adaptations: { 'SOP1.M4': { adopted: false } },
});
const validMeasureDoc = (): Record<string, unknown> => ({ code: 'SOP1.M1', sop: 1, title: 'Identification', appliesTo: ['all'], actors: ['ngo'] });
const validBaseline = (): Record<string, unknown> => ({
  id: `trm-baseline-h${randomUUID().slice(0, 8)}`, kind: 'baseline', effectiveFrom: '2026-01-01', measures: [validMeasureDoc()],
});

/**
 * The catalogue API (issue 15): hostile publication bodies and hostile ids and query parameters.
 * Every publication here is refused (nothing is stored); text it carries is never echoed.
 */
function catalogueCases(q: Query, post: Post): HostileCase[] {
  const cases: HostileCase[] = [];
  const C = '/v1/catalogue';
  const json = (v: unknown) => JSON.stringify(v);
  // ── Bodies refused by the JSON guard, the media type or the size ──
  {
    const m = marker();
    cases.push(post('catalogue: __proto__ at the top', C, `{"__proto__":{"x":"${m}"},${json(validProfile()).slice(1)}`, 400, 'forbidden_key', [m], 'admin'));
    cases.push(post('catalogue: constructor in adaptations', C, json(validProfile()).replace('"adaptations":{', '"adaptations":{"constructor":{"adopted":false},'), 400, 'forbidden_key', [], 'admin'));
    cases.push(post('catalogue: prototype in a measure', C, json(validBaseline()).replace('"code":"SOP1.M1"', '"prototype":1,"code":"SOP1.M1"'), 400, 'forbidden_key', [], 'admin'));
    const d = marker();
    cases.push(post('catalogue: a duplicate key', C, `{"id":"${d}",${json(validProfile()).slice(1)}`, 400, 'duplicate_key', [d], 'admin'));
    cases.push(post('catalogue: nested 1,000 deep', C, deep(1_000, '{"a":', '}'), 400, 'nesting_too_deep', [], 'admin'));
    cases.push(post('catalogue: adaptations nested 10 deep', C, json({ ...validProfile(), adaptations: { 'SOP1.M4': JSON.parse(deep(10, '{"a":', '}')) } }), 400, 'nesting_too_deep', [], 'admin'));
    cases.push(post('catalogue: invalid UTF-8', C, Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) as unknown as string, 400, 'invalid_utf8', [], 'admin'));
    const b = marker();
    cases.push(post('catalogue: not JSON', C, `{kind: baseline, title: ${b}}`, 400, 'malformed_body', [b], 'admin'));
    const big = `${marker()}${'x'.repeat(1_000_000)}`;
    cases.push(post('catalogue: a 1 MB title', C, json({ ...validBaseline(), measures: [{ ...validMeasureDoc(), title: big }] }), 413, 'body_too_large', [big.slice(0, 20)], 'admin'));
    cases.push({ ...post('catalogue: as CSV', C, 'id,kind\ntrm-x-1,baseline\n', 415, 'unsupported_media_type', [], 'admin'), headers: CSV_CT });
    cases.push({ ...post('catalogue: as NDJSON', C, `${json(validProfile())}\n`, 415, 'unsupported_media_type', [], 'admin'), headers: NDJSON });
  }
  // ── Documents refused by the publishing checks (400, or 409 for a taken id) ──
  const refused: [string, unknown, number, string, string[]][] = [];
  for (const [name, v] of [['null', null], ['an array', []], ['a string', 'baseline'], ['a number', 42], ['true', true]] as const) {
    refused.push([`the body ${name}`, v, 400, 'bad_request', []]);
  }
  refused.push(['the shipped id', { ...validBaseline(), id: 'trm-baseline-1' }, 409, 'conflict', []]);
  refused.push(['kind unknown', { ...validProfile(), kind: 'regional' }, 400, 'bad_request', []]);
  for (const [field, v] of [['id', 42], ['id', ['trm-x-1']], ['effectiveFrom', 20250101], ['country', { code: 'BG' }], ['adaptations', []], ['adaptations', 'SOP1.M4'], ['base', null]] as const) {
    refused.push([`${field} of the wrong type (${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v})`, { ...validProfile(), [field]: v }, 400, 'bad_request', []]);
  }
  for (const [field, v] of [['measures', 'SOP1.M1'], ['measures', {}], ['measures', []], ['effectiveFrom', '2025-02-30'], ['effectiveFrom', '0000-01-01']] as const) {
    refused.push([`baseline ${field} ${JSON.stringify(v)}`, { ...validBaseline(), [field]: v }, 400, 'bad_request', []]);
  }
  for (const [name, m] of [['sop a string', { sop: '1' }], ['appliesTo a string', { appliesTo: 'all' }], ['an unknown actor', { actors: ['police'] }], ['within 1e9 days', { deadline: { anchor: 'case.opened', within: 'P999999999D' } }], ['a negative deadline', { deadline: { anchor: 'case.opened', within: 'P-1D' } }]] as const) {
    refused.push([`measure with ${name}`, { ...validBaseline(), measures: [{ ...validMeasureDoc(), ...m }] }, 400, 'bad_request', []]);
  }
  for (const kind of ['name', 'email', 'phone', 'address', 'dob'] as const) {
    const id = marker(kind);
    refused.push([`id holding a ${kind}`, { ...validProfile(), id }, 400, 'bad_request', [id]]);
    const title = marker(kind);
    refused.push([`title holding a ${kind} and a control character`, { ...validBaseline(), measures: [{ ...validMeasureDoc(), title: `${title}\u0007` }] }, 400, 'bad_request', [title]]);
    const key = marker(kind);
    refused.push([`adaptation keyed by a ${kind}`, { ...validProfile(), adaptations: { [key]: { adopted: false } } }, 400, 'bad_request', [key]]);
    const field = marker(kind).replace(/[^A-Za-z0-9]/g, '');
    refused.push([`unknown field named with a ${kind}`, { ...validProfile(), [field]: 1 }, 400, 'bad_request', [field]]);
    const country = marker(kind);
    refused.push([`country holding a ${kind}`, { ...validProfile(), country }, 400, 'bad_request', [country]]);
  }
  {
    const huge = `${marker()}${'y'.repeat(100_000)}`;
    refused.push(['a 100 kB id', { ...validProfile(), id: huge }, 400, 'bad_request', [huge.slice(0, 20)]]);
    const many = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`SOP1.M${(i % 999) + 1}`, { adopted: false }]));
    refused.push(['600 adaptations', { ...validProfile(), adaptations: many }, 400, 'bad_request', []]);
    refused.push(['600 measures', { ...validBaseline(), measures: Array.from({ length: 600 }, validMeasureDoc) }, 400, 'bad_request', []]);
  }
  for (const [name, body, status, code, markers] of refused) {
    cases.push(post(`catalogue: ${name}`, C, json(body), status, code, markers, 'admin'));
  }
  // ── Who may publish ──
  cases.push(post('catalogue: a baseline by a rapporteur', C, json(validBaseline()), 403, 'forbidden', [], 'rapporteur-bg'));
  cases.push(post('catalogue: a profile of another country by a rapporteur', C, json({ ...validProfile(), country: 'IT' }), 400, 'bad_request', [], 'rapporteur-bg'));
  for (const key of ['submitter', 'manager', 'auditor']) {
    cases.push(post(`catalogue: a profile by a ${key}`, C, json(validProfile()), 403, 'forbidden', [], key));
  }
  cases.push({ ...post('catalogue: a profile without a key', C, json(validProfile()), 401, 'unauthorized'), key: undefined });
  // ── Ids and query parameters ──
  for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '..%2F..%2Fetc%2Fpasswd', 'trm-baseline-1%00', 'trm%20baseline', '-trm-1', 'trm-', `trm-${'z'.repeat(900)}`]) {
    cases.push(q(`catalogue id ${id.slice(0, 24)}`, `${C}/${id}`, 400, 'bad_request'));
  }
  for (const id of ['trm-baseline-99', 'diff-x']) cases.push(q(`catalogue id ${id} (unknown)`, `${C}/${id}`, 404, 'not_found'));
  {
    const m = marker().replace(/(\d+)$/, '-$1');
    cases.push({ ...q('catalogue id holding a name (unknown)', `${C}/${m}`, 404, 'not_found'), markers: [m] });
    const f = marker().replace(/(\d+)$/, '-$1');
    cases.push({ ...q('diff from a name (unknown)', `${C}/diff?from=${f}&to=trm-baseline-1`, 404, 'not_found'), markers: [f] });
    const p = marker().replace(/[^A-Za-z0-9]/g, '');
    cases.push({ ...q('diff with an unknown parameter named with a name', `${C}/diff?from=trm-baseline-1&to=trm-baseline-1&${p}=1`, 400, 'invalid_query'), markers: [p] });
    const e = marker('email');
    cases.push({ ...q('diff to an e-mail', `${C}/diff?from=trm-baseline-1&to=${encodeURIComponent(e)}`, 400, 'invalid_query'), markers: [e] });
  }
  for (const [name, query] of [
    ['without parameters', ''], ['without to', '?from=trm-baseline-1'], ['without from', '?to=trm-baseline-1'],
    ['from=__proto__', '?from=__proto__&to=trm-baseline-1'], ['to=constructor', '?from=trm-baseline-1&to=constructor'],
    ['from twice', '?from=trm-baseline-1&from=trm-baseline-1&to=trm-baseline-1'], ['from empty', '?from=&to=trm-baseline-1'],
    ['a 10 kB from', `?from=trm-${'a'.repeat(10_000)}&to=trm-baseline-1`], ['from with a control character', '?from=trm-baseline-1%07&to=trm-baseline-1'],
    ['__proto__ as a parameter', '?from=trm-baseline-1&to=trm-baseline-1&__proto__=1'],
  ] as const) {
    cases.push(q(`diff ${name}`, `${C}/diff${query}`, 400, 'invalid_query'));
  }
  cases.push(q('catalogue list with a parameter', `${C}?asOf=2024-01-01`, 400, 'invalid_query'));
  cases.push(q('catalogue read with a parameter', `${C}/trm-baseline-1?constructor=1`, 400, 'invalid_query'));
  return cases;
}
