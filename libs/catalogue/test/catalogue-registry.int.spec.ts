import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyEventStore } from '@trm/audit';
import { CatalogueRegistry } from '@trm/catalogue';
import { CATALOGUE_PUBLISHED, CATALOGUE_STREAM, SHIPPED_BASELINE } from '@trm/domain';
import type { BaselineDocument, NationalProfile } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';

const ADMIN = { id: 'admin', countries: ['*'] };
const BG = { id: 'rapporteur-bg', countries: ['BG'] };

export function baseline2(id = 'trm-baseline-2'): BaselineDocument {
  return {
    ...SHIPPED_BASELINE, id, effectiveFrom: '2026-01-01',
    measures: SHIPPED_BASELINE.measures.map((m) => (m.code === 'SOP1.M1' ? { ...m, deadline: { anchor: 'case.opened', within: 'P5D' } } : m)),
  } as BaselineDocument;
}

const profile = (id: string, country = 'BG'): NationalProfile => ({
  id, kind: 'national', country, base: 'trm-baseline-1', effectiveFrom: '2025-01-01',
  adaptations: { 'SOP1.M4': { adopted: false }, 'SOP3.M6': { deadline: null } },
});

/** The catalogue registry on a real SQLite event store: publish, read back, and what is refused. */
describe('CatalogueRegistry (SQLite)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let registry: CatalogueRegistry;
  const t0 = Date.parse('2026-03-01T10:00:00Z');
  let now = t0;

  beforeEach(() => {
    now = t0;
    dir = mkdtempSync(join(tmpdir(), 'trm-catalogue-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    registry = new CatalogueRegistry(store, { now: () => new Date(now) });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the shipped baseline alone, and nothing in the store', async () => {
    const list = await registry.published();
    expect(list.map((p) => [p.document.id, p.recordedAt, p.publishedBy])).toEqual([['trm-baseline-1', null, null]]);
    expect(await store.readStream(CATALOGUE_STREAM)).toEqual([]);
  });

  it('publishes one event per document, in order, with recordedAt and the key id, and resolves it', async () => {
    const r1 = await registry.publish(baseline2(), ADMIN);
    expect(r1.ok).toBe(true);
    now += 1000;
    const r2 = await registry.publish(profile('trm-BG-1'), BG);
    if (!r2.ok) throw new Error(JSON.stringify(r2.errors));
    expect(r2.resolved.measures.find((m) => m.code === 'SOP1.M4')).toMatchObject({ adopted: false });
    expect(r2.resolved.measures.find((m) => m.code === 'SOP3.M6')).toMatchObject({ deadline: null, adopted: true });
    const events = await store.readStream(CATALOGUE_STREAM);
    expect(events.map((e) => [e.type, e.revision, e.metadata.keyId, e.metadata.recordedAt, e.data.id])).toEqual([
      [CATALOGUE_PUBLISHED, 0, 'admin', new Date(t0).toISOString(), 'trm-baseline-2'],
      [CATALOGUE_PUBLISHED, 1, 'rapporteur-bg', new Date(t0 + 1000).toISOString(), 'trm-BG-1'],
    ]);
    expect((await registry.published()).map((p) => p.document.id)).toEqual(['trm-baseline-1', 'trm-baseline-2', 'trm-BG-1']);
    // Another registry on the same store (a restart) reads the same list from the stream.
    const again = await new CatalogueRegistry(store).published();
    expect(again.map((p) => [p.document.id, p.publishedBy])).toEqual([['trm-baseline-1', null], ['trm-baseline-2', 'admin'], ['trm-BG-1', 'rapporteur-bg']]);
    expect(again[2].document).toEqual(profile('trm-BG-1'));
  });

  it('never stamps a publication before the last event of the store (knowledge time does not go back)', async () => {
    await registry.publish(baseline2(), ADMIN);
    now = t0 - 86_400_000;
    const r = await registry.publish(profile('trm-BG-1'), ADMIN);
    expect(r.ok && r.published.recordedAt).toBe(new Date(t0).toISOString());
    // A loader's requested knowledge time is kept when it is not before the store's last event.
    const later = await registry.publish(profile('trm-IT-1', 'IT'), ADMIN, { recordedAt: new Date(t0 + 5000) });
    expect(later.ok && later.published.recordedAt).toBe(new Date(t0 + 5000).toISOString());
    const earlier = await registry.publish(profile('trm-RO-1', 'RO'), ADMIN, { recordedAt: new Date(t0) });
    expect(earlier.ok && earlier.published.recordedAt).toBe(new Date(t0 + 5000).toISOString());
  });

  it('refuses with codes and stores nothing: taken id (conflict), bad document, a country outside the key', async () => {
    await registry.publish(baseline2(), ADMIN);
    const taken = await registry.publish(baseline2(), ADMIN);
    expect(taken).toMatchObject({ ok: false, conflict: true, errors: [{ path: '/id', code: 'catalogue_version_exists' }] });
    const shipped = await registry.publish({ ...baseline2(), id: 'trm-baseline-1' }, ADMIN);
    expect(shipped).toMatchObject({ ok: false, conflict: true });
    const other = await registry.publish(profile('trm-RO-1', 'RO'), BG);
    expect(other).toMatchObject({ ok: false, conflict: false, errors: [{ path: '/country', code: 'forbidden_country' }] });
    const base = await registry.publish({ ...profile('trm-BG-2'), base: 'trm-baseline-9' }, ADMIN);
    expect(base).toMatchObject({ ok: false, conflict: false, errors: [{ path: '/base', code: 'unknown_base' }] });
    for (const bad of [null, [], 'x', 42, { kind: 'baseline' }, { ...baseline2('trm-baseline-3'), effectiveFrom: '2026-02-30' }]) {
      const r = await registry.publish(bad, ADMIN);
      expect(r.ok).toBe(false);
    }
    expect(await store.readStream(CATALOGUE_STREAM)).toHaveLength(1);
    expect(await store.headPosition()).toBe(1);
  });

  it('two concurrent publications of one id: exactly one is stored, the other is catalogue_version_exists', async () => {
    const other = new CatalogueRegistry(store, { now: () => new Date(now) });
    const results = await Promise.all([registry.publish(profile('trm-BG-1'), ADMIN), other.publish(profile('trm-BG-1'), ADMIN)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, conflict: true, errors: [expect.objectContaining({ code: 'catalogue_version_exists' })] }]);
    expect(await store.readStream(CATALOGUE_STREAM)).toHaveLength(1);
  });

  it('while only case events arrive, the list read is kept (the catalogue stream did not move)', async () => {
    await registry.publish(profile('trm-BG-1'), ADMIN);
    const first = await registry.published();
    await store.append([{ streamId: 'trm-case-x', expected: 'no_stream', events: [{
      eventId: '00000000-0000-4000-8000-000000000001', type: 'case.opened', data: { x: 1 },
      metadata: { recordedAt: new Date(now).toISOString(), submissionId: 's', keyId: 'k', channel: 'http' }, contentHash: '00'.repeat(32),
    }] }]);
    expect(await registry.published()).toBe(first);
    expect(first.map((p) => p.document.id)).toEqual(['trm-baseline-1', 'trm-BG-1']);
  });

  it('a publication made through another registry is seen once the store head moves', async () => {
    const reader = new CatalogueRegistry(store);
    expect(await reader.published()).toHaveLength(1);
    await registry.publish(profile('trm-BG-1'), ADMIN);
    expect((await reader.published()).map((p) => p.document.id)).toEqual(['trm-baseline-1', 'trm-BG-1']);
  });

  it('audit verify checks the catalogue stream\'s hash chain like any other and finds nothing wrong', async () => {
    await registry.publish(baseline2(), ADMIN);
    await registry.publish(profile('trm-BG-1'), ADMIN);
    const ok = await verifyEventStore(store);
    expect(ok).toMatchObject({ ok: true, checked: 2, streams: 1, problems: [] });
    // Tampering with a published document is found.
    store.database.prepare("UPDATE events SET data = replace(data, 'P5D', 'P6D') WHERE position = 1").run();
    const bad = await verifyEventStore(store);
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatchObject({ kind: 'altered', streamId: CATALOGUE_STREAM, position: 1 });
  });
});
