import { CaseCache } from '../src/case-cache';

describe('case cache', () => {
  it('keeps the most recently used cases when trimmed, and only when asked', () => {
    const cache = new CaseCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.size).toBe(3); // a batch never loses a case it is folding
    expect(cache.get('a')).toBe(1); // now the most recently used
    cache.trim();
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
    expect(cache.get('a')).toBe(1);
    cache.set('d', 4);
    cache.trim();
    expect([cache.get('c'), cache.get('a'), cache.get('d')]).toEqual([undefined, 1, 4]);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
