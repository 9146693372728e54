import fc from 'fast-check';
import { SHIPPED_CATALOGUE, checkCatalogueDocument } from '@trm/domain';
import type { CatalogueCheckContext, CatalogueError } from '@trm/domain';
import { baseline2, profileBG } from './catalogue-fixtures';

/**
 * Hostile documents: wrong types, unknown fields, prototype keys, huge strings and lists. Each is
 * refused with a code, never by an exception, and no message or path repeats what was sent.
 */

const ADMIN: CatalogueCheckContext = { published: SHIPPED_CATALOGUE };
const SECRET = 'Maria Popescu 1987';

function refusal(doc: unknown, ...secrets: string[]): CatalogueError[] {
  const result = checkCatalogueDocument(doc, ADMIN);
  if (result.ok) throw new Error('expected a refusal');
  for (const e of result.errors) {
    for (const s of [SECRET, ...secrets]) {
      expect(e.message).not.toContain(s);
      expect(e.path).not.toContain(s);
    }
  }
  return result.errors;
}
const codes = (doc: unknown, ...secrets: string[]) => refusal(doc, ...secrets).map((e) => `${e.path} ${e.code}`);

describe('catalogue publishing checks — hostile input', () => {
  it('anything but an object is a type error', () => {
    for (const doc of [null, undefined, 0, 'trm-BG-1', [], [profileBG()], true]) expect(codes(doc)).toEqual([' type']);
  });

  it('kind missing or unknown', () => {
    const { kind: _k, ...noKind } = profileBG();
    expect(codes(noKind)).toEqual(['/kind required']);
    expect(codes({ ...profileBG(), kind: SECRET })).toEqual(['/kind enum']);
    expect(codes({ ...profileBG(), kind: ['national'] })).toEqual(['/kind enum']);
  });

  it('unknown fields are refused without naming them, at every level', () => {
    expect(codes({ ...profileBG(), [SECRET]: 1 })).toEqual([' additionalProperties']);
    const b = baseline2();
    b.measures[0][SECRET] = SECRET;
    b.measures[1].deadline = { anchor: 'case.opened', within: 'P1D', [SECRET]: true };
    expect(codes(b)).toEqual(['/measures/0 additionalProperties', '/measures/1/deadline additionalProperties']);
    const p = profileBG();
    p.adaptations['SOP1.M1'] = { adopted: false, note: SECRET };
    expect(codes(p)).toEqual(['/adaptations/SOP1.M1 additionalProperties']);
  });

  it('prototype keys are plain unknown keys: refused, and nothing is polluted', () => {
    const doc = JSON.parse(`{"id":"trm-BG-1","kind":"national","country":"BG","base":"trm-baseline-1","effectiveFrom":"2025-01-01",
      "adaptations":{"__proto__":{"adopted":false},"constructor":{"adopted":false},"SOP1.M1":{"adopted":false}},
      "__proto__":{"polluted":true}}`) as unknown;
    expect(codes(doc)).toEqual([' additionalProperties', '/adaptations unknown_measure']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const b = JSON.parse(JSON.stringify(baseline2()).replace('"code":"SOP1.M1"', '"code":"SOP1.M1","__proto__":{"x":1}')) as unknown;
    expect(codes(b)).toEqual(['/measures/0 additionalProperties']);
    // A base named like an Object.prototype member is no baseline.
    expect(codes({ ...profileBG(), base: 'constructor' })).toEqual(['/base unknown_base']);
    expect(codes({ ...profileBG(), base: '__proto__' })).toEqual(['/base unknown_base']);
  });

  it('adaptation keys that are no measure code are counted, never echoed', () => {
    const p = profileBG();
    p.adaptations[SECRET] = { adopted: false };
    p.adaptations['../../etc'] = { adopted: false };
    const errors = refusal(p, '../../etc');
    expect(errors).toEqual([{ path: '/adaptations', code: 'unknown_measure', message: expect.stringContaining('2 adaptation key') }]);
  });

  it('wrong types for every field', () => {
    expect(codes({ ...profileBG(), id: 7, country: 7, base: null, effectiveFrom: {}, adaptations: [] }))
      .toEqual(['/id type', '/effectiveFrom invalid_effective_from', '/country enum', '/base unknown_base', '/adaptations type']);
    expect(codes({ ...baseline2(), measures: {} })).toEqual(['/measures type']);
    expect(codes({ ...baseline2(), measures: [] })).toEqual(['/measures minItems']);
    expect(codes({ ...baseline2(), measures: [7, null, 'x'] })).toEqual(['/measures/0 type', '/measures/1 type', '/measures/2 type']);
    const b = baseline2();
    Object.assign(b.measures[0], { sop: '1', title: 3, appliesTo: 'all', actors: 'ngo', deadline: 'P3D', before: 5 });
    Object.assign(b.measures[1], { sop: 1.5, appliesTo: [], actors: [] });
    Object.assign(b.measures[2], { sop: 9, appliesTo: ['all', 'all'], actors: ['ngo', 'ngo'] });
    Object.assign(b.measures[3], { appliesTo: [SECRET, 'entered:SOP6', 'entered:SOP'], actors: ['police'] });
    expect(codes(b)).toEqual([
      '/measures/0/sop type', '/measures/0/title type', '/measures/0/appliesTo type', '/measures/0/actors type',
      '/measures/1/sop type', '/measures/1/appliesTo minItems', '/measures/1/actors minItems',
      '/measures/2/sop enum', '/measures/2/appliesTo uniqueItems', '/measures/2/actors uniqueItems',
      '/measures/3/appliesTo/0 enum', '/measures/3/appliesTo/1 enum', '/measures/3/appliesTo/2 enum', '/measures/3/actors/0 enum',
      '/measures/0/deadline type', '/measures/0/before invalid_before',
    ]);
    const p = profileBG();
    p.adaptations['SOP1.M1'] = 'not adopted';
    p.adaptations['SOP1.M2'] = { deadline: 'P2D' };
    p.adaptations['SOP1.M3'] = { adopted: 'false' };
    expect(codes(p)).toEqual(['/adaptations/SOP1.M1 type', '/adaptations/SOP1.M2/deadline type', '/adaptations/SOP1.M3/adopted const']);
  });

  it('huge strings and lists are bounded and never echoed', () => {
    const huge = 'x'.repeat(1_000_000);
    expect(codes({ ...profileBG(), id: `trm-${huge}` }, huge.slice(0, 100))).toEqual(['/id maxLength']);
    const b = baseline2();
    b.measures[0].title = `${SECRET}${huge}`;
    b.measures[1].title = `${SECRET}\u0000`;
    b.measures[2].title = '   ';
    expect(codes(b, huge.slice(0, 100))).toEqual(['/measures/0/title maxLength', '/measures/1/title pattern', '/measures/2/title minLength']);
    const many = baseline2();
    many.measures = Array.from({ length: 100_000 }, () => many.measures[0]);
    expect(codes(many)).toEqual(['/measures maxItems']);
    const p = profileBG();
    p.adaptations = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, { adopted: false }]));
    expect(codes(p)).toEqual(['/adaptations maxProperties']);
    const within = profileBG();
    within.adaptations['SOP2.M1'] = { deadline: { anchor: 'SOP1.M3', within: `P${'9'.repeat(10_000)}D` } };
    expect(codes(within)).toEqual(['/adaptations/SOP2.M1/deadline/within invalid_duration']);
  });

  it('ids that are no document id (a route, a path, a blank) are refused by pattern', () => {
    for (const id of ['diff', '', 'trm BG 1', '../trm-BG-1', '-trm', 'trm-', 'trm--BG', '1-trm', 'trm-BG-1\n']) {
      expect([id, codes({ ...profileBG(), id })]).toEqual([id, ['/id pattern']]);
    }
  });

  it('a document with thousands of errors answers at most 100 of them', () => {
    const b = baseline2();
    b.measures = Array.from({ length: 500 }, (_, i) => ({ code: `SOP1.M${i + 1}`, sop: 1, title: 't', appliesTo: ['none'], actors: ['x'] }));
    expect(refusal(b)).toHaveLength(100);
  });

  it('random JSON never throws, and is refused or accepted with a well-formed answer', () => {
    const base = { ...profileBG() };
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom('id', 'kind', 'country', 'base', 'effectiveFrom', 'adaptations', 'measures'), fc.jsonValue(),
      (whole, field, value) => {
        for (const doc of [whole, { ...base, [field]: value }, { ...baseline2(), [field]: value }]) {
          const r = checkCatalogueDocument(doc, ADMIN);
          if (!r.ok) {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) expect(typeof e.path === 'string' && typeof e.code === 'string' && typeof e.message === 'string').toBe(true);
          }
        }
      }), { numRuns: 300 });
  });

  it('a deeply nested value is refused without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { deadline: deep };
    const p = profileBG();
    p.adaptations['SOP1.M1'] = deep;
    expect(codes(p)).toEqual(['/adaptations/SOP1.M1/deadline additionalProperties', '/adaptations/SOP1.M1/deadline/anchor required',
      '/adaptations/SOP1.M1/deadline/within required']);
  });
});
