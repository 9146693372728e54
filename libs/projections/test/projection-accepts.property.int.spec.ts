import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  ACTORS, AGE_BANDS, CITIZENSHIP_VALUES, CLOSURE_REASONS, COUNTRY_ROLES, EXPLOITATION_FORMS, getCatalogue, MEASURE_STATUSES,
  REFERRAL_OUTCOMES, REFERRAL_PURPOSES, RETRACTION_REASONS, SEXES,
} from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { IngestPipeline } from '@trm/ingest';
import { ProjectorRunner } from '@trm/projections';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';

/**
 * What ingest accepts, the warehouse can always hold (issue 12): random events of every type, with
 * every text form of a time RFC 3339 allows (lower-case `t` and `z`, offsets of every real time
 * zone, fractions of 0 to 9 digits, years from 1990), go through the real ingest pipeline into
 * SQLite and through the real projector into chDB. Every accepted event must be projected: no
 * quarantine, no error, every one in events_v1.
 */
const RECEIVED_AT = new Date('2026-06-01T00:00:00Z');
const COUNTRIES = ['BG', 'RO', 'IT', 'XK', 'MD'];
const measures = getCatalogue()!.measures.map((m) => m.code);

const two = (n: number) => String(n).padStart(2, '0');

/** An RFC 3339 text of an instant between 1990 and receipt, in any form the standard allows. */
const occurredAt = fc.record({
  ms: fc.integer({ min: Date.UTC(1990, 0, 1, 14), max: RECEIVED_AT.getTime() - 15 * 3_600_000 }),
  offsetMinutes: fc.oneof(fc.integer({ min: -12 * 60, max: 14 * 60 }), fc.constantFrom(0, 60, -60, 330, 345, 525, 840, -720)),
  zulu: fc.boolean(),
  lowerT: fc.boolean(),
  lowerZ: fc.boolean(),
  fraction: fc.integer({ min: 0, max: 9 }),
  fractionDigits: fc.integer({ min: 0, max: 999_999_999 }),
}).map(({ ms, offsetMinutes, zulu, lowerT, lowerZ, fraction, fractionDigits }) => {
  const offset = zulu ? 0 : offsetMinutes;
  const local = new Date(ms + offset * 60_000);
  const date = `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
  const frac = fraction ? `.${String(fractionDigits).padStart(9, '0').slice(0, fraction)}` : '';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone = zulu ? (lowerZ ? 'z' : 'Z') : `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return `${date}${lowerT ? 't' : 'T'}${time}${frac}${zone}`;
});

const profile = fc.record({
  ageBand: fc.constantFrom(...AGE_BANDS), sex: fc.constantFrom(...SEXES), citizenship: fc.constantFrom(...CITIZENSHIP_VALUES.slice(0, 40), 'unknown'),
  exploitation: fc.uniqueArray(fc.constantFrom(...EXPLOITATION_FORMS), { minLength: 1, maxLength: 8 }), countryRole: fc.constantFrom(...COUNTRY_ROLES),
  presumedMinor: fc.option(fc.boolean(), { nil: undefined }),
}).map((p) => (p.presumedMinor === undefined ? { ...p, presumedMinor: undefined } : p));

const referralId = fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/);

/** A case: its opening, then events of every other type against it (some the case rules refuse). */
const caseHistory = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  caseRef: fc.stringMatching(/^[A-Za-z0-9._:/-]{1,64}$/),
  opened: occurredAt,
  profile,
  rest: fc.array(fc.oneof(
    fc.record({ type: fc.constant('measure.recorded'), measure: fc.constantFrom(...measures), status: fc.constantFrom(...MEASURE_STATUSES), actor: fc.constantFrom(...ACTORS), occurredAt, withChecklist: fc.boolean(), catalogueVersion: fc.option(fc.constant('trm-baseline-1'), { nil: undefined }) }),
    fc.record({ type: fc.constant('referral.sent'), referralId, toCountry: fc.constantFrom(...COUNTRIES), purpose: fc.constantFrom(...REFERRAL_PURPOSES), occurredAt }),
    fc.record({ type: fc.constant('referral.received'), referralId, fromCountry: fc.constantFrom(...COUNTRIES), occurredAt }),
    fc.record({ type: fc.constant('referral.feedback'), referralId, toCountry: fc.constantFrom(...COUNTRIES), outcome: fc.constantFrom(...REFERRAL_OUTCOMES), occurredAt }),
    fc.record({ type: fc.constant('case.closed'), reason: fc.constantFrom(...CLOSURE_REASONS), occurredAt }),
    fc.record({ type: fc.constant('event.retracted'), reason: fc.constantFrom(...RETRACTION_REASONS), target: fc.nat(20) }),
  ), { maxLength: 12 }),
});

function events(c: { country: string; caseRef: string; opened: string; profile: Record<string, unknown>; rest: Record<string, unknown>[] }): Record<string, unknown>[] {
  const common = () => ({ eventId: randomUUID(), schemaVersion: 1, country: c.country, caseRef: c.caseRef });
  const out: Record<string, unknown>[] = [{ ...common(), type: 'case.opened', occurredAt: c.opened, profile: JSON.parse(JSON.stringify(c.profile)) }];
  for (const r of c.rest) {
    if (r.type === 'event.retracted') {
      const target = out[(r.target as number) % out.length];
      out.push({ ...common(), type: 'event.retracted', occurredAt: out[out.length - 1].occurredAt, retractsEventId: target.eventId, reason: r.reason });
    } else if (r.type === 'measure.recorded') {
      const { withChecklist, ...rest } = r;
      out.push({ ...common(), ...rest, ...(withChecklist ? { checklist: [`${String(r.measure)}.1`, `${String(r.measure)}.12`] } : {}) });
    } else if (r.type === 'referral.sent') {
      out.push({ ...common(), ...r, consent: true });
    } else {
      out.push({ ...common(), ...r });
    }
  }
  return out.map((e) => JSON.parse(JSON.stringify(e)));
}

describe('every accepted event can be projected (property)', () => {
  let dir: string;
  let warehouse: ChdbWarehouse;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trm-accepts-'));
    warehouse = new ChdbWarehouse(join(dir, 'warehouse'));
  });
  afterAll(async () => {
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects every event the pipeline accepted, in every time form, without a quarantine', async () => {
    let run = 0;
    let total = 0;
    await fc.assert(fc.asyncProperty(fc.array(caseHistory, { minLength: 5, maxLength: 40 }), async (cases) => {
      run += 1;
      const db = `accepts_${run}`;
      await migrate(warehouse, db);
      await loadCatalogue(warehouse, db, getCatalogue()!);
      const store = new SqliteEventStore({ path: join(dir, `events-${run}.sqlite`) });
      try {
        const pipeline = new IngestPipeline(store, { pseudonymSecret: 'accepts' });
        const { result } = await pipeline.submit(cases.flatMap(events), {
          key: { id: 'test', role: 'submitter', countries: ['*'] }, channel: 'http', submissionId: randomUUID(), receivedAt: RECEIVED_AT,
        });
        // Schema and time checks pass for every generated event; only case rules may refuse some.
        const schemaRejections = result.rejected.flatMap((r) => r.errors).filter((e) => !/^(unknown_case|case_exists|case_closed|unknown_event|cannot_retract_retraction|not_applicable_to_case)$/.test(e.code));
        expect(schemaRejections).toEqual([]);
        const projector = new ProjectorRunner(store, warehouse, { db, batchSize: 37 });
        await projector.recover();
        await projector.catchUp();
        expect(projector.status()).toMatchObject({ checkpoint: await store.headPosition(), quarantined: 0, lastError: undefined });
        const [row] = await warehouse.query<{ n: string | number }>('SELECT count() AS n FROM {db:Identifier}.events_v1', { db });
        expect(Number(row.n)).toBe(result.accepted);
        total += result.accepted;
      } finally {
        await store.close();
        await warehouse.command('DROP DATABASE IF EXISTS {db:Identifier}', { db });
      }
    }), { numRuns: 12, seed: 20261206 });
    expect(total).toBeGreaterThan(500);
  }, 300_000);
});
