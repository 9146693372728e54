import { createHash } from 'node:crypto';
import { canonicalJson, contentHash, toStoredEvent, type SubmittedEvent } from '@trm/domain';

const line = '{"eventId":"8a1f1c3e-2b7e-4f0a-9a53-1c2d3e4f5a6b","type":"case.opened","schemaVersion":1,"country":"IT","caseRef":"IT-2024-0042","occurredAt":"2024-03-01T09:30:00+01:00","profile":{"ageBand":"18-24","sex":"female","citizenship":"RO","exploitation":["sexual","labour"],"countryRole":"destination"}}';
const reordered = '{ "profile": {"countryRole":"destination","exploitation":["sexual","labour"],"citizenship":"RO","sex":"female","ageBand":"18-24"},\n "occurredAt":"2024-03-01T09:30:00+01:00","caseRef":"IT-2024-0042","country":"IT","schemaVersion":1,"type":"case.opened","eventId":"8A1F1C3E-2B7E-4F0A-9A53-1C2D3E4F5A6B"}';

describe('canonical JSON and content hash', () => {
  it('sorts keys recursively, keeps array order, writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1,{"y":null,"z":true}]},"b":1}');
  });

  it('follows JSON.stringify for strings, numbers, undefined and non-finite values', () => {
    expect(canonicalJson({ s: 'é"\n\u2028', n: 1e21, f: 0.1, u: undefined, arr: [undefined, NaN] })).toBe('{"arr":[null,null],"f":0.1,"n":1e+21,"s":"é\\"\\n\u2028"}');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(null)).toBe('null');
  });

  it('orders keys by UTF-16 code units (RFC 8785)', () => {
    // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FF21 although its code point is higher.
    expect(canonicalJson({ b: 1, B: 2, a: 3, '\uFF21': 4, '\u{1F600}': 5 })).toBe('{"B":2,"a":3,"b":1,"\u{1F600}":5,"\uFF21":4}');
  });

  it('the same event submitted with other key order, whitespace and id case hashes the same', () => {
    const a = toStoredEvent(JSON.parse(line) as SubmittedEvent, 'case-1');
    const b = toStoredEvent(JSON.parse(reordered) as SubmittedEvent, 'case-1');
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(a)).toBe(createHash('sha256').update(canonicalJson(a)).digest('hex'));
  });

  it('any change of content changes the hash (array order is content)', () => {
    const a = toStoredEvent(JSON.parse(line) as SubmittedEvent, 'case-1');
    const swapped = JSON.parse(line);
    swapped.profile.exploitation.reverse();
    expect(contentHash(toStoredEvent(swapped, 'case-1'))).not.toBe(contentHash(a));
    expect(contentHash(toStoredEvent(JSON.parse(line), 'case-2'))).not.toBe(contentHash(a));
    expect(contentHash({ ...a, occurredAt: '2024-03-01T08:30:00Z' })).not.toBe(contentHash(a));
  });
});
