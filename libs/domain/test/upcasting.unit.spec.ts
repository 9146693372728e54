import { createUpcasterRegistry, CURRENT_SCHEMA_VERSION, defaultUpcasters, upcast, type RawEvent } from '@trm/domain';
import { stored, valid } from './fixtures';

const v1Measure = (): RawEvent => stored(valid.measureRecorded()) as unknown as RawEvent;

describe('upcasting', () => {
  it('v1 is current: the default registry returns a v1 event unchanged (same object)', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(1);
    expect(defaultUpcasters.currentVersion).toBe(1);
    const e = v1Measure();
    expect(upcast(e)).toBe(e);
  });

  it('a registered v1 → v2 upcaster lifts a v1 measure.recorded to v2', () => {
    const registry = createUpcasterRegistry(2).register('measure.recorded', 1, (e) => ({ ...e, statusReason: null }));
    const e = v1Measure();
    const before = structuredClone(e);
    const lifted = upcast(e, registry);
    expect(lifted).toEqual({ ...before, schemaVersion: 2, statusReason: null });
    expect(e).toEqual(before); // the stored event is not mutated
  });

  it('types without an upcaster for a step only get their schemaVersion raised', () => {
    const registry = createUpcasterRegistry(2).register('measure.recorded', 1, (e) => ({ ...e, statusReason: null }));
    const closed = stored(valid.caseClosed()) as unknown as RawEvent;
    expect(upcast(closed, registry)).toEqual({ ...closed, schemaVersion: 2 });
  });

  it('chains steps until the current version, and leaves current events alone', () => {
    const registry = createUpcasterRegistry(3)
      .register('measure.recorded', 1, (e) => ({ ...e, statusReason: null }))
      .register('measure.recorded', 2, ({ statusReason, ...e }) => ({ ...e, reason: statusReason ?? 'none' }));
    const lifted = upcast(v1Measure(), registry);
    expect(lifted).toMatchObject({ schemaVersion: 3, reason: 'none' });
    expect(lifted).not.toHaveProperty('statusReason');
    expect(upcast({ ...v1Measure(), schemaVersion: 2, statusReason: 'x' }, registry)).toMatchObject({ schemaVersion: 3, reason: 'x' });
    const current = { ...v1Measure(), schemaVersion: 3 };
    expect(upcast(current, registry)).toBe(current);
  });

  it('refuses events newer than the reader and invalid versions', () => {
    expect(() => upcast({ ...v1Measure(), schemaVersion: 2 })).toThrow(/schemaVersion 2/);
    expect(() => upcast({ ...v1Measure(), schemaVersion: 0 })).toThrow(RangeError);
    expect(() => upcast({ ...v1Measure(), schemaVersion: 1.5 })).toThrow(RangeError);
  });

  it('rejects bad registrations', () => {
    const registry = createUpcasterRegistry(2);
    expect(() => registry.register('case.closed', 2, (e) => e)).toThrow(RangeError);
    registry.register('case.closed', 1, (e) => e);
    expect(() => registry.register('case.closed', 1, (e) => e)).toThrow(/already/);
    expect(registry.get('case.closed', 1)).toBeDefined();
    expect(registry.get('case.opened', 1)).toBeUndefined();
  });
});
