import {
  NO_STREAM, STREAM_EXISTS, StreamNotFoundError, UnavailableError, WrongExpectedVersionError as KurrentWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { WrongExpectedVersionError } from '../src/errors';
import {
  expectationHolds, isStreamNotFound, isTransient, kurrentEventId, kurrentPosition, mapLimit, positionNumber, revisionOf,
  translateAppendError,
} from '../src/adapters/kurrentdb/kurrentdb-mapping';

describe('KurrentDB adapter mapping (no server)', () => {
  it('judges expected states like KurrentDB (and the SQLite adapter)', () => {
    expect(expectationHolds('any', -1)).toBe(true);
    expect(expectationHolds('no_stream', -1)).toBe(true);
    expect(expectationHolds('no_stream', 0)).toBe(false);
    expect(expectationHolds('stream_exists', -1)).toBe(false);
    expect(expectationHolds('stream_exists', 3)).toBe(true);
    expect(expectationHolds(3, 3)).toBe(true);
    expect(expectationHolds(3, 4)).toBe(false);
  });

  it("translates the client's wrong-expected-version into ours with the actual revision", () => {
    const onExisting = new KurrentWrongExpectedVersionError(undefined, { streamName: 'ns/trm-case-a', expected: 5n, current: 2n });
    const translated = translateAppendError(onExisting, 'trm-case-a', 5);
    expect(translated).toBeInstanceOf(WrongExpectedVersionError);
    expect(translated).toMatchObject({ code: 'wrong_expected_version', streamId: 'trm-case-a', expected: 5, actual: 2 });

    const onMissing = new KurrentWrongExpectedVersionError(undefined, { streamName: 's', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(translateAppendError(onMissing, 'trm-case-b', 'stream_exists')).toMatchObject({ expected: 'stream_exists', actual: -1 });

    const other = new UnavailableError();
    expect(translateAppendError(other, 'trm-case-c', 'any')).toBe(other);
  });

  it('reads actual revisions from every form the client reports', () => {
    expect(revisionOf(NO_STREAM)).toBe(-1);
    expect(revisionOf(undefined)).toBe(-1);
    expect(revisionOf(-1n)).toBe(-1);
    expect(revisionOf(7n)).toBe(7);
  });

  it('classifies client errors', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 's'))).toBe(true);
    expect(isStreamNotFound(new Error('x'))).toBe(false);
    expect(isTransient(new UnavailableError())).toBe(true);
    expect(isTransient(new Error('Trying to read from an invalid position.'))).toBe(false);
  });

  it('uses commit positions as exact numbers and refuses what a number cannot hold', () => {
    expect(positionNumber({ commit: 123456n, prepare: 123456n }, 'e')).toBe(123456);
    expect(positionNumber(kurrentPosition(2 ** 53 - 1), 'e')).toBe(2 ** 53 - 1);
    expect(() => positionNumber({ commit: 2n ** 53n, prepare: 2n ** 53n }, 'e')).toThrow(/2\^53/);
    expect(() => positionNumber(undefined, 'e')).toThrow(/no log position/);
    expect(() => positionNumber({ commit: -1n, prepare: -1n }, 'e')).toThrow(/no log position/);
  });

  it('keeps UUID event ids as KurrentDB ids and maps anything else to a stable UUID', () => {
    expect(kurrentEventId('8A1F1C3E-2B7E-4F0A-9A53-1C2D3E4F5A6B')).toBe('8a1f1c3e-2b7e-4f0a-9a53-1c2d3e4f5a6b');
    const derived = kurrentEventId('not-a-uuid');
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(kurrentEventId('NOT-A-UUID')).toBe(derived);
  });

  it('bounds concurrency and reports the first failure only after every task settled', async () => {
    let inFlight = 0;
    let peak = 0;
    const settled: number[] = [];
    const run = mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      settled.push(n);
      if (n === 2) throw new Error('two');
      return n;
    });
    await expect(run).rejects.toThrow('two');
    expect(peak).toBe(2);
    expect(settled.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    await expect(mapLimit([1, 2], 4, async (n) => n * 10)).resolves.toEqual([10, 20]);
  });
});
