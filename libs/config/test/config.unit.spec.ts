import { ConfigError, isStartupError, loadConfig } from '@trm/config';

describe('configuration parsed once, every problem named', () => {
  it('takes PORT from 0 (any free port) to 65535', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
    expect(loadConfig({}).port).toBe(3000);
  });

  it.each(['70000', '65536', '-1', '3000.5', 'http'])('refuses PORT=%s as a configuration problem, not an engine error', (port) => {
    let err: unknown;
    try { loadConfig({ PORT: port }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ConfigError);
    expect(isStartupError(err)).toBe(true);
    expect((err as ConfigError).problems).toEqual([`PORT must be an integer from 0 to 65535 (got "${port}")`]);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', TRM_DEMO: 'maybe', TRM_SUPPRESSION_K: '0' })).toThrow(
      'invalid configuration:\n  - TRM_DEMO must be 0 or 1 (got "maybe")\n  - PORT must be an integer from 0 to 65535 (got "x")\n  - TRM_SUPPRESSION_K must be an integer ≥ 1 (got "0")',
    );
  });

  it('bounds the memory of both case caches by default, each settable', () => {
    const defaults = loadConfig({});
    expect([defaults.ingestCaseCache, defaults.projectorCaseCache]).toEqual([25_000, 25_000]);
    const set = loadConfig({ TRM_INGEST_CASE_CACHE: '100000', TRM_PROJECTOR_CASE_CACHE: '5000' });
    expect([set.ingestCaseCache, set.projectorCaseCache]).toEqual([100_000, 5_000]);
    expect(() => loadConfig({ TRM_INGEST_CASE_CACHE: '0' })).toThrow('TRM_INGEST_CASE_CACHE must be an integer ≥ 1 (got "0")');
  });

  it('leaves the heaps\' growth between full GCs to V8 by default; a bound is settable, beyond V8\'s 300 % is refused', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(0);
    expect(loadConfig({ TRM_HEAP_GROWING_PERCENT: '50' }).heapGrowingPercent).toBe(50);
    expect(() => loadConfig({ TRM_HEAP_GROWING_PERCENT: '301' })).toThrow('TRM_HEAP_GROWING_PERCENT must be an integer from 0 to 300 (got "301")');
  });

  it('lets chDB keep 128 MiB of freed memory by default, settable', () => {
    expect(loadConfig({}).chdbRetainedFreeMiB).toBe(128);
    expect(loadConfig({ TRM_CHDB_RETAINED_FREE_MIB: '16' }).chdbRetainedFreeMiB).toBe(16);
  });

  it('prepares ingest bodies on the appending thread by default, on up to 16 threads if set', () => {
    expect(loadConfig({}).ingestPrepThreads).toBe(0);
    expect(loadConfig({ TRM_INGEST_PREP_THREADS: '2' }).ingestPrepThreads).toBe(2);
    expect(() => loadConfig({ TRM_INGEST_PREP_THREADS: '17' })).toThrow('TRM_INGEST_PREP_THREADS must be an integer from 0 to 16 (got "17")');
    expect(() => loadConfig({ TRM_INGEST_PREP_THREADS: '1e3' })).toThrow('TRM_INGEST_PREP_THREADS');
  });
});
