import { CatalogueModule } from '@trm/catalogue';
import { AuditModule } from '@trm/audit';
import { CATALOGUE_STREAM, SHIPPED_BASELINE } from '@trm/domain';
import type { BaselineDocument, NationalProfile } from '@trm/domain';
import { IngestModule } from '@trm/ingest';
import { OperationsModule } from '@trm/operations';
import { measure, ndjson, opened } from '@trm/testing/service/event-fixtures';
import { startService, type ServiceHarness } from '@trm/testing/service/service-harness';

/** A second baseline: SOP1.M1 re-timed, SOP1.C1 no longer child-only, a new measure SOP1.M7; SOP1.M6 dropped. */
function baseline2(id = 'trm-baseline-2'): BaselineDocument {
  const measures = SHIPPED_BASELINE.measures
    .filter((m) => m.code !== 'SOP1.M6')
    .map((m) => m.code === 'SOP1.M1' ? { ...m, deadline: { anchor: 'case.opened', within: 'P5D' } }
      : m.code === 'SOP1.C1' ? { ...m, appliesTo: ['all' as const] } : m);
  return {
    id, kind: 'baseline', effectiveFrom: '2020-01-01',
    measures: [...measures, { code: 'SOP1.M7', sop: 1, title: 'Information on rights given in writing', appliesTo: ['all'], actors: ['ngo'] }],
  } as BaselineDocument;
}

const profile = (id: string, country = 'BG', base = 'trm-baseline-1'): NationalProfile => ({
  id, kind: 'national', country, base, effectiveFrom: '2020-01-01',
  adaptations: { 'SOP1.M4': { adopted: false }, 'SOP1.M2': { deadline: { anchor: 'case.opened', within: 'P2D' } }, 'SOP3.M6': { deadline: null } },
});

/**
 * The catalogue API (CONTRACT.md "Catalogue versions and national profiles") through real HTTP on
 * SQLite: publish, list, read, diff, every refusal with its status and code (nothing stored), roles,
 * concurrent publication, restart, and ingest checking measures against the published documents.
 */
describe('catalogue API (real HTTP, SQLite)', () => {
  let svc: ServiceHarness;
  const modules = [IngestModule, CatalogueModule, AuditModule, OperationsModule];
  beforeAll(async () => {
    svc = await startService({ modules, roles: ['ingest'] });
  });
  afterAll(async () => svc?.close(true));

  const get = (path: string, key = 'manager') => fetch(`${svc.url}${path}`, { headers: svc.auth(key) });
  const post = (body: unknown, key = 'admin', headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${svc.url}/v1/catalogue`, { method: 'POST', headers: { ...svc.auth(key), ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const stream = async () => (await svc.runtime.store.readStream(CATALOGUE_STREAM)).length;
  const submit = async (events: object[]) => (await fetch(`${svc.url}/v1/events`, {
    method: 'POST', headers: { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' }, body: ndjson(events),
  })).json();

  it('lists the shipped baseline before any publication, for every role', async () => {
    for (const key of ['submitter', 'rapporteur-bg', 'manager', 'auditor', 'admin']) {
      const r = await get('/v1/catalogue', key);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ documents: [
        { id: 'trm-baseline-1', kind: 'baseline', country: null, base: null, effectiveFrom: '0001-01-01', publishedAt: null, publishedBy: null },
      ] });
    }
    const one = await (await get('/v1/catalogue/trm-baseline-1')).json();
    expect(one).toMatchObject({ id: 'trm-baseline-1', kind: 'baseline', publishedAt: null, publishedBy: null });
    expect(one.measures).toHaveLength(SHIPPED_BASELINE.measures.length);
    expect(one.measures[0]).toEqual({ ...SHIPPED_BASELINE.measures[0], adopted: true });
  });

  it('ingest before publication: SOP1.M7 is unknown, SOP1.C1 is child-only', async () => {
    const r = await submit([opened('BG-CAT-1'), measure('BG-CAT-1', 'SOP1.M7'), measure('BG-CAT-1', 'SOP1.C1')]);
    expect(r.accepted).toBe(1);
    expect(r.rejected.map((x: { index: number; errors: { code: string }[] }) => [x.index, x.errors[0].code])).toEqual([[1, 'unknown_measure'], [2, 'not_applicable_to_case']]);
  });

  it('publishes a baseline (admin) and answers 201 with it resolved; it is listed, readable and in the access log', async () => {
    const r = await post(baseline2());
    expect(r.status).toBe(201);
    const body = await r.json();
    expect(body).toMatchObject({ id: 'trm-baseline-2', kind: 'baseline', effectiveFrom: '2020-01-01', publishedBy: 'admin' });
    expect(typeof body.publishedAt).toBe('string');
    expect(body.measures.find((m: { code: string }) => m.code === 'SOP1.M1')).toMatchObject({ deadline: { anchor: 'case.opened', within: 'P5D' }, adopted: true });
    expect(body.measures.find((m: { code: string }) => m.code === 'SOP1.M7')).toMatchObject({ deadline: null, adopted: true });
    const list = (await (await get('/v1/catalogue', 'submitter')).json()).documents;
    expect(list.map((d: { id: string; publishedBy: string | null }) => [d.id, d.publishedBy])).toEqual([['trm-baseline-1', null], ['trm-baseline-2', 'admin']]);
    expect(await (await get('/v1/catalogue/trm-baseline-2', 'auditor')).json()).toEqual(body);
    const access = svc.runtime.audit.accessLog({ limit: 10 });
    expect(access).toContainEqual(expect.objectContaining({ keyId: 'admin', action: 'catalogue.publish', target: 'trm-baseline-2' }));
  });

  it('ingest after publication: SOP1.M7 of the later baseline is accepted, a code no baseline has is not, SOP1.C1 follows V(c)', async () => {
    const r = await submit([
      opened('BG-CAT-2'), measure('BG-CAT-2', 'SOP1.M7'), measure('BG-CAT-2', 'SOP1.C1'), measure('BG-CAT-2', 'SOP1.M99'),
      opened('IT-CAT-2', 'IT'), measure('IT-CAT-2', 'SOP1.C1', 'completed', 'IT'),
    ]);
    expect(r.rejected.map((x: { index: number; errors: { code: string }[] }) => [x.index, x.errors[0].code])).toEqual([[3, 'unknown_measure']]);
    expect(r.accepted).toBe(5);
  });

  it('a rapporteur publishes its own country\'s profile; then its cases follow the profile\'s base again', async () => {
    const r = await post(profile('trm-BG-1'), 'rapporteur-bg');
    expect(r.status).toBe(201);
    const body = await r.json();
    expect(body).toMatchObject({ id: 'trm-BG-1', kind: 'national', country: 'BG', base: 'trm-baseline-1', publishedBy: 'rapporteur-bg' });
    expect(body.measures.find((m: { code: string }) => m.code === 'SOP1.M4')).toMatchObject({ adopted: false });
    expect(body.measures.find((m: { code: string }) => m.code === 'SOP3.M6')).toMatchObject({ deadline: null });
    // BG cases: governed by trm-BG-1 on trm-baseline-1, where SOP1.C1 is child-only; IT cases by trm-baseline-2.
    const s = await submit([
      opened('BG-CAT-3'), measure('BG-CAT-3', 'SOP1.C1'), measure('BG-CAT-3', 'SOP1.M7'),
      opened('IT-CAT-3', 'IT'), measure('IT-CAT-3', 'SOP1.C1', 'completed', 'IT'),
    ]);
    expect(s.rejected.map((x: { index: number; errors: { code: string }[] }) => [x.index, x.errors[0].code])).toEqual([[1, 'not_applicable_to_case']]);
  });

  it('diffs two documents: added, removed, re-timed, not adopted; diff is never taken for an id', async () => {
    const d = await (await get('/v1/catalogue/diff?from=trm-baseline-1&to=trm-baseline-2', 'rapporteur-it')).json();
    expect(d.from).toBe('trm-baseline-1');
    expect(d.to).toBe('trm-baseline-2');
    expect(d.added.map((m: { code: string }) => m.code)).toEqual(['SOP1.M7']);
    expect(d.removed.map((m: { code: string }) => m.code)).toEqual(['SOP1.M6']);
    expect(d.deadlines).toEqual([{ code: 'SOP1.M1', from: { anchor: 'case.opened', within: 'P3D' }, to: { anchor: 'case.opened', within: 'P5D' } }]);
    expect(d.changed).toEqual([{ code: 'SOP1.C1', field: 'appliesTo', from: ['child'], to: ['all'] }]);
    const p = await (await get('/v1/catalogue/diff?from=trm-baseline-1&to=trm-BG-1')).json();
    expect(p.adoption).toEqual([{ code: 'SOP1.M4', from: true, to: false }]);
    expect(p.deadlines.map((x: { code: string; to: unknown }) => [x.code, x.to])).toEqual([['SOP1.M2', { anchor: 'case.opened', within: 'P2D' }], ['SOP3.M6', null]]);
    const same = await (await get('/v1/catalogue/diff?from=trm-BG-1&to=trm-BG-1')).json();
    expect(same).toEqual({ from: 'trm-BG-1', to: 'trm-BG-1', added: [], removed: [], adoption: [], deadlines: [], changed: [] });
  });

  it('refuses with the status and code of each check, storing nothing', async () => {
    const before = await stream();
    const head = await svc.runtime.store.headPosition();
    const cases: [string, unknown, string, number, string, string?][] = [
      ['taken id', baseline2(), 'admin', 409, 'conflict', 'catalogue_version_exists'],
      ['shipped id', { ...baseline2(), id: 'trm-baseline-1' }, 'admin', 409, 'conflict', 'catalogue_version_exists'],
      ['unknown base', { ...profile('trm-BG-2'), base: 'trm-baseline-7' }, 'admin', 400, 'bad_request', 'unknown_base'],
      ['unknown measure', { ...profile('trm-BG-2'), adaptations: { 'SOP1.M9': { adopted: false } } }, 'admin', 400, 'bad_request', 'unknown_measure'],
      ['invalid duration', { ...profile('trm-BG-2'), adaptations: { 'SOP1.M1': { deadline: { anchor: 'case.opened', within: 'P1W' } } } }, 'admin', 400, 'bad_request', 'invalid_duration'],
      ['invalid anchor', { ...profile('trm-BG-2'), adaptations: { 'SOP1.M1': { deadline: { anchor: 'SOP9.M1', within: 'P1D' } } } }, 'admin', 400, 'bad_request', 'invalid_anchor'],
      ['anchor cycle', { ...profile('trm-BG-2'), adaptations: { 'SOP1.M1': { deadline: { anchor: 'SOP1.M3', within: 'P1D' } } } }, 'admin', 400, 'bad_request', 'anchor_cycle'],
      ['invalid effectiveFrom', { ...profile('trm-BG-2'), effectiveFrom: '2025-02-30' }, 'admin', 400, 'bad_request', 'invalid_effective_from'],
      ['another country', profile('trm-IT-1', 'IT'), 'rapporteur-bg', 400, 'bad_request', 'forbidden_country'],
      ['duplicate measure', { ...baseline2('trm-baseline-3'), measures: [...baseline2().measures, baseline2().measures[0]] }, 'admin', 400, 'bad_request', 'duplicate_measure'],
      ['invalid measure code', { ...baseline2('trm-baseline-3'), measures: [{ ...baseline2().measures[0], code: 'SOP9.M1' }] }, 'admin', 400, 'bad_request', 'invalid_measure_code'],
      ['invalid before', { ...baseline2('trm-baseline-3'), measures: [{ ...baseline2().measures[0], before: 'SOP1.M1' }] }, 'admin', 400, 'bad_request', 'invalid_before'],
      ['incomplete measure', { ...baseline2('trm-baseline-3'), measures: [{ code: 'SOP1.M1', sop: 1 }] }, 'admin', 400, 'bad_request', 'required'],
      ['no kind', { id: 'trm-x-1' }, 'admin', 400, 'bad_request', 'required'],
      ['an array', [], 'admin', 400, 'bad_request', 'type'],
      ['a baseline by a rapporteur', baseline2('trm-baseline-3'), 'rapporteur-bg', 403, 'forbidden'],
      ['a submitter', profile('trm-BG-2'), 'submitter', 403, 'forbidden'],
      ['a manager', profile('trm-BG-2'), 'manager', 403, 'forbidden'],
      ['an auditor', profile('trm-BG-2'), 'auditor', 403, 'forbidden'],
    ];
    const failures: string[] = [];
    for (const [name, body, key, status, error, code] of cases) {
      const r = await post(body, key);
      const answer = await r.json();
      if (r.status !== status || answer.error !== error) failures.push(`${name}: ${r.status} ${answer.error}`);
      if (code && !(answer.errors ?? []).some((e: { code: string }) => e.code === code)) failures.push(`${name}: errors ${JSON.stringify(answer.errors)}`);
    }
    expect(failures).toEqual([]);
    expect(await stream()).toBe(before);
    expect(await svc.runtime.store.headPosition()).toBe(head);
  });

  it('refuses bad bodies, media types, ids and parameters with their codes', async () => {
    const before = await stream();
    expect((await post('{"kind":', 'admin')).status).toBe(400);
    expect((await (await post('{"__proto__":{"x":1},"kind":"baseline"}')).json()).error).toBe('forbidden_key');
    const csv = await post('id,kind\nx,baseline', 'admin', { 'content-type': 'text/csv' });
    expect([csv.status, (await csv.json()).error]).toEqual([415, 'unsupported_media_type']);
    const big = await post(JSON.stringify({ ...baseline2('trm-baseline-4'), pad: 'x'.repeat(600_000) }));
    expect([big.status, (await big.json()).error]).toEqual([413, 'body_too_large']);
    // Sent in chunks, without a declared length: measured once parsed.
    const chunks = new ReadableStream({
      start(c) {
        const text = new TextEncoder().encode(JSON.stringify({ ...baseline2('trm-baseline-4'), pad: 'x'.repeat(600_000) }));
        for (let i = 0; i < text.length; i += 65_536) c.enqueue(text.slice(i, i + 65_536));
        c.close();
      },
    });
    const chunked = await fetch(`${svc.url}/v1/catalogue`, {
      method: 'POST', headers: { ...svc.auth('admin'), 'content-type': 'application/json' }, body: chunks, duplex: 'half',
    } as RequestInit);
    expect([chunked.status, (await chunked.json()).error]).toEqual([413, 'body_too_large']);
    for (const [path, status, error] of [
      ['/v1/catalogue/trm-baseline-9', 404, 'not_found'],
      ['/v1/catalogue/__proto__', 400, 'bad_request'],
      ['/v1/catalogue/constructor', 400, 'bad_request'],
      [`/v1/catalogue/trm-${'x'.repeat(70)}`, 400, 'bad_request'],
      ['/v1/catalogue/trm-baseline-1?x=1', 400, 'invalid_query'],
      ['/v1/catalogue?asOf=2024-01-01', 400, 'invalid_query'],
      ['/v1/catalogue/diff', 400, 'invalid_query'],
      ['/v1/catalogue/diff?from=trm-baseline-1', 400, 'invalid_query'],
      ['/v1/catalogue/diff?from=trm-baseline-1&to=__proto__', 400, 'invalid_query'],
      ['/v1/catalogue/diff?from=trm-baseline-1&to=trm-baseline-1&x=1', 400, 'invalid_query'],
      ['/v1/catalogue/diff?from=trm-baseline-1&from=trm-baseline-2&to=trm-baseline-1', 400, 'invalid_query'],
      ['/v1/catalogue/diff?from=trm-baseline-1&to=trm-nothing-1', 404, 'not_found'],
    ] as const) {
      const r = await get(path);
      expect([path, r.status, (await r.json()).error]).toEqual([path, status, error]);
    }
    expect((await fetch(`${svc.url}/v1/catalogue`)).status).toBe(401);
    expect(await stream()).toBe(before);
  });

  it('two concurrent publications of one id: one 201, one 409, one event', async () => {
    const before = await stream();
    const [a, b] = await Promise.all([post(profile('trm-IT-1', 'IT'), 'admin'), post(profile('trm-IT-1', 'IT'), 'rapporteur-it')]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await stream()).toBe(before + 1);
  });

  it('events submitted after a publication are never recorded before it (knowledge time does not go back)', async () => {
    const future = new Date(Date.now() + 3_600_000);
    const r = await svc.runtime.catalogue.publish(profile('trm-RO-1', 'RO'), { id: 'admin', countries: ['*'] }, { recordedAt: future });
    expect(r.ok).toBe(true);
    expect((await submit([opened('RO-CAT-1', 'RO')])).accepted).toBe(1);
    const [last] = await svc.runtime.store.readAll((await svc.runtime.store.headPosition()) - 1, 1);
    expect(last.streamId).not.toBe(CATALOGUE_STREAM);
    expect(Date.parse(last.metadata.recordedAt)).toBeGreaterThanOrEqual(future.getTime());
  });

  it('audit verify checks the catalogue stream with the case streams and finds nothing wrong', async () => {
    const r = await fetch(`${svc.url}/v1/audit/verify`, { method: 'POST', headers: svc.auth('auditor') });
    const v = await r.json();
    expect(v).toMatchObject({ ok: true, problems: [], checked: await svc.runtime.store.headPosition() });
    expect(v.streams).toBeGreaterThan(1);
  });

  it('what was published survives a restart (read from the store)', async () => {
    const dataDir = svc.dataDir;
    await svc.close();
    svc = await startService({ modules, roles: ['ingest'], dataDir });
    const list = (await (await get('/v1/catalogue')).json()).documents;
    expect(list.map((d: { id: string }) => d.id)).toEqual(['trm-baseline-1', 'trm-baseline-2', 'trm-BG-1', 'trm-IT-1', 'trm-RO-1']);
    const bg = await (await get('/v1/catalogue/trm-BG-1')).json();
    expect(bg.measures.find((m: { code: string }) => m.code === 'SOP1.M4')).toMatchObject({ adopted: false });
    // Ingest still follows them.
    const s = await submit([opened('IT-CAT-4', 'IT'), measure('IT-CAT-4', 'SOP1.M7', 'completed', 'IT')]);
    expect(s).toMatchObject({ accepted: 2, rejected: [] });
  });
});
