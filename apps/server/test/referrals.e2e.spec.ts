import { randomUUID } from 'node:crypto';
import { startService, type ServiceHarness } from '@trm/testing/service/service-harness';
import { measure, ndjson, opened } from '@trm/testing/service/event-fixtures';

/**
 * Referrals seen from both sides (INDICATORS.md) and GET /v1/referrals/open (CONTRACT.md), over
 * real HTTP, SQLite and chDB: every role × side × filter, including those that must be refused.
 *
 *   r1  RO → IT  2024-03-02  never received                 open: unacknowledged
 *   r2  BG → IT  2024-03-03  received by IT, no feedback     open: without_feedback
 *   r3  IT → BG  2024-03-05  received by BG, feedback        closed loop (outcome assisted)
 *   r4  RO → BG  2024-03-07  never received                 open: unacknowledged
 */
const ev = (country: string, caseRef: string, occurredAt: string, body: Record<string, unknown>) => ({
  eventId: randomUUID(), schemaVersion: 1, country, caseRef, occurredAt, ...body,
});

describe('referrals from both sides: scope, open referrals, loop indicators (real HTTP, SQLite, chDB)', () => {
  let svc: ServiceHarness;
  const get = (path: string, key: string) => fetch(`${svc.url}${path}`, { headers: svc.auth(key) });
  const rows = async (path: string, key: string) => {
    const r = await get(path, key);
    expect({ path, key, status: r.status }).toEqual({ path, key, status: 200 });
    return (await r.json()).rows as Record<string, unknown>[];
  };
  const open = async (query: string, key: string) =>
    (await rows(`/v1/referrals/open${query}`, key)).map((r) => `${r.country}>${r.toCountry}:${r.state}${r.overdue ? '!' : ''}`);

  beforeAll(async () => {
    svc = await startService();
    const events = [
      opened('RO-R-1', 'RO'), opened('BG-R-1', 'BG'), opened('IT-R-1', 'IT'), opened('IT-R-2', 'IT'),
      measure('IT-R-1', 'SOP1.M1', 'completed', 'IT'),
      ev('RO', 'RO-R-1', '2024-03-02T10:00:00Z', { type: 'referral.sent', referralId: 'R1', toCountry: 'IT', purpose: 'assistance', consent: true }),
      ev('BG', 'BG-R-1', '2024-03-03T10:00:00Z', { type: 'referral.sent', referralId: 'R2', toCountry: 'IT', purpose: 'assistance', consent: true }),
      ev('IT', 'IT-R-1', '2024-03-04T10:00:00Z', { type: 'referral.received', referralId: 'R2', fromCountry: 'BG' }),
      ev('IT', 'IT-R-2', '2024-03-05T10:00:00Z', { type: 'referral.sent', referralId: 'R3', toCountry: 'BG', purpose: 'return', consent: true }),
      ev('BG', 'BG-R-1', '2024-03-06T10:00:00Z', { type: 'referral.received', referralId: 'R3', fromCountry: 'IT' }),
      ev('BG', 'BG-R-1', '2024-04-01T10:00:00Z', { type: 'referral.feedback', referralId: 'R3', toCountry: 'IT', outcome: 'assisted' }),
      ev('RO', 'RO-R-1', '2024-03-07T10:00:00Z', { type: 'referral.sent', referralId: 'R4', toCountry: 'BG', purpose: 'assistance', consent: true }),
      ev('IT', 'IT-R-1', '2024-05-01T10:00:00Z', { type: 'case.closed', reason: 'lost_contact' }),
    ];
    const r = await fetch(`${svc.url}/v1/events`, {
      method: 'POST', body: ndjson(events), headers: { ...svc.auth('submitter'), 'content-type': 'application/x-ndjson' },
    });
    const body = await r.json();
    expect(body.rejected).toEqual([]);
    expect(body.accepted).toBe(events.length);
  });
  afterAll(async () => svc.close(true));

  describe('GET /v1/referrals/open', () => {
    it('lists the open referrals of either side for a rapporteur, oldest first, overdue marked', async () => {
      const list = await rows('/v1/referrals/open', 'rapporteur-it');
      expect(list.map((r) => r.country)).toEqual(['RO', 'BG']);
      expect(list[0]).toMatchObject({ country: 'RO', toCountry: 'IT', state: 'unacknowledged', overdue: true, sentAt: '2024-03-02T10:00:00.000Z' });
      expect(list[1]).toMatchObject({ country: 'BG', toCountry: 'IT', state: 'without_feedback', overdue: true });
      expect(typeof list[0].referralId).toBe('string');
      expect(list[0].ageDays as number).toBeGreaterThan(list[1].ageDays as number);
      expect(await open('', 'rapporteur-bg')).toEqual(['BG>IT:without_feedback!', 'RO>BG:unacknowledged!']);
    });

    it('filters by sender and receiver within the rapporteur\'s side, and refuses neither within it', async () => {
      expect(await open('?toCountry=IT', 'rapporteur-it')).toEqual(['RO>IT:unacknowledged!', 'BG>IT:without_feedback!']);
      expect(await open('?country=IT', 'rapporteur-it')).toEqual([]); // r3 is closed
      expect(await open('?country=RO&toCountry=IT', 'rapporteur-it')).toEqual(['RO>IT:unacknowledged!']);
      expect(await open('?country=IT&toCountry=BG', 'rapporteur-it')).toEqual([]);
      expect((await get('/v1/referrals/open?country=RO', 'rapporteur-it')).status).toBe(403);
      expect((await get('/v1/referrals/open?toCountry=BG', 'rapporteur-it')).status).toBe(403);
      expect((await get('/v1/referrals/open?country=RO&toCountry=BG', 'rapporteur-it')).status).toBe(403);
    });

    it('shows auditors every referral; managers and submitters are refused; bad parameters are 400', async () => {
      expect(await open('', 'auditor')).toEqual(['RO>IT:unacknowledged!', 'BG>IT:without_feedback!', 'RO>BG:unacknowledged!']);
      expect(await open('?country=RO', 'auditor')).toEqual(['RO>IT:unacknowledged!', 'RO>BG:unacknowledged!']);
      expect(await open('?asOf=2024-03-04T12:00:00Z', 'auditor')).toEqual([]); // nothing was recorded yet
      expect((await get('/v1/referrals/open', 'manager')).status).toBe(403);
      expect((await get('/v1/referrals/open', 'submitter')).status).toBe(403);
      expect((await get('/v1/referrals/open?groupBy=country', 'auditor')).status).toBe(400);
      expect((await get('/v1/referrals/open?toCountry=ITA', 'auditor')).status).toBe(400);
    });

    it('puts every read in the access log', async () => {
      await get('/v1/referrals/open?toCountry=IT', 'rapporteur-it');
      const { entries } = await (await get('/v1/audit/access?limit=200', 'auditor')).json();
      const reads = (entries as { keyId: string; action: string; target: string }[]).filter((e) => e.action === 'referrals.open');
      expect(reads.map((e) => e.keyId)).toEqual(expect.arrayContaining(['rapporteur-it', 'rapporteur-bg', 'auditor']));
      expect(reads.some((e) => e.keyId === 'rapporteur-it' && e.target.includes('eitherSide=IT'))).toBe(true);
      expect(reads.some((e) => e.keyId === 'manager')).toBe(false);
    });
  });

  describe('referral indicators from both sides', () => {
    it('shows a rapporteur who referred to its country and what is unacknowledged', async () => {
      expect(await rows('/v1/indicators/referral.unacknowledged?toCountry=IT&groupBy=country', 'rapporteur-it')).toEqual([{ country: 'RO', count: 1 }]);
      expect(await rows('/v1/indicators/referral.unacknowledged?groupBy=country,toCountry', 'rapporteur-it')).toEqual([{ country: 'RO', toCountry: 'IT', count: 1 }]);
      expect(await rows('/v1/indicators/referral.unacknowledged?groupBy=toCountry', 'rapporteur-bg')).toEqual([{ toCountry: 'BG', count: 1 }]);
      expect(await rows('/v1/indicators/referral.unacknowledged?groupBy=toCountry', 'auditor')).toEqual([{ toCountry: 'BG', count: 1 }, { toCountry: 'IT', count: 1 }]);
      expect(await rows('/v1/indicators/referral.without_feedback?groupBy=country', 'rapporteur-it')).toEqual([{ country: 'BG', count: 1 }, { country: 'RO', count: 1 }]);
      // As receiver: IT acknowledged 1 of the 2 referrals sent to it (within P7D).
      expect(await rows('/v1/indicators/referral.acknowledgement?toCountry=IT', 'rapporteur-it')).toEqual([
        expect.objectContaining({ numerator: 1, denominator: 2 }),
      ]);
    });

    it('refuses a rapporteur naming neither side within its countries', async () => {
      expect((await get('/v1/indicators/referral.unacknowledged?country=RO', 'rapporteur-it')).status).toBe(403);
      expect((await get('/v1/indicators/referral.feedback_outcome?toCountry=BG', 'rapporteur-it')).status).toBe(403);
      expect((await get('/v1/indicators/referral.unacknowledged?country=RO&toCountry=IT', 'rapporteur-it')).status).toBe(200);
      // Case indicators keep the plain rule: the case's own country.
      expect((await get('/v1/indicators/case.closure?country=RO', 'rapporteur-it')).status).toBe(403);
    });

    it('reports the first feedback\'s outcome with a row for every outcome', async () => {
      const list = await rows('/v1/indicators/referral.feedback_outcome', 'auditor');
      expect(list.map((r) => r.outcome)).toEqual(['assisted', 'declined', 'lost_contact', 'other', 'reintegrated']);
      expect(list.find((r) => r.outcome === 'assisted')).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
      expect(list.find((r) => r.outcome === 'declined')).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
      expect(await rows('/v1/indicators/referral.feedback_outcome?groupBy=outcome,country', 'rapporteur-bg')).toHaveLength(5);
    });

    it('answers 400 naming the reason for groupings and filters that make no sense', async () => {
      for (const path of [
        'case.closure?toCountry=IT', 'case.count?groupBy=toCountry', 'case.closure?groupBy=outcome',
        'referral.feedback_outcome?groupBy=closureReason', 'referral.unacknowledged?sop=1', 'measure.delivery?groupBy=closureReason',
      ]) {
        const r = await get(`/v1/indicators/${path}`, 'auditor');
        expect({ path, status: r.status }).toEqual({ path, status: 400 });
        expect((await r.json()).message).toMatch(/toCountry|outcome|closureReason|sop/);
      }
    });

    it('keeps managers under disclosure control (small cells left out like empty ones)', async () => {
      const body = await (await get('/v1/indicators/referral.unacknowledged?groupBy=country', 'manager')).json();
      expect(body.disclosureControl).toEqual({ k: 5, method: 'cell-key', asOfRounded: true });
      expect(body.rows).toEqual([]);
    });
  });

  it('describes the new endpoint, the toCountry parameter and the new indicators in OpenAPI and GET /v1/indicators', async () => {
    const doc = await (await fetch(`${svc.url}/v1/openapi.json`, { headers: svc.auth('admin') })).json();
    expect(doc.paths['/v1/referrals/open'].get.responses[403]).toBeDefined();
    const params = doc.paths['/v1/indicators/{id}'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toContain('toCountry');
    const ids = ['referral.unacknowledged', 'referral.without_feedback', 'referral.feedback_outcome', 'case.closure', 'case.closure_reason', 'case.days_to_closure', 'case.stalled'];
    expect(doc.components.schemas.IndicatorAnswer.properties.indicator.enum).toEqual(expect.arrayContaining(ids));
    const list = (await (await get('/v1/indicators', 'rapporteur-it')).json()).indicators as { id: string; parameters: { filters: string[]; implicitGroupBy: string[] } }[];
    expect(list.find((d) => d.id === 'referral.feedback_outcome')?.parameters).toMatchObject({ filters: ['country', 'toCountry'], implicitGroupBy: ['outcome'] });
    expect(list.find((d) => d.id === 'case.closure_reason')?.parameters).toMatchObject({ filters: ['country', 'sop'], implicitGroupBy: ['closureReason'] });
  });

  describe('outcomes and attrition', () => {
    it('counts closure, first-closure reasons, days to closure and stalled cases, with the sop filter', async () => {
      expect(await rows('/v1/indicators/case.closure?groupBy=country', 'auditor')).toEqual([
        expect.objectContaining({ country: 'BG', numerator: 0, denominator: 1 }),
        expect.objectContaining({ country: 'IT', numerator: 1, denominator: 2 }),
        expect.objectContaining({ country: 'RO', numerator: 0, denominator: 1 }),
      ]);
      const reasons = await rows('/v1/indicators/case.closure_reason?country=IT', 'rapporteur-it');
      expect(reasons).toHaveLength(7);
      expect(reasons.find((r) => r.closureReason === 'lost_contact')).toMatchObject({ numerator: 1, denominator: 1 });
      const [days] = await rows('/v1/indicators/case.days_to_closure?country=IT', 'rapporteur-it');
      // Opened 2024-03-01T08:30Z, closed 2024-05-01T10:00Z.
      expect(days).toMatchObject({ n: 1 });
      expect(days.median as number).toBeCloseTo((Date.parse('2024-05-01T10:00:00Z') - Date.parse('2024-03-01T08:30:00Z')) / 86_400_000, 9);
      // Open cases whose latest event is more than 60 days old: all but the closed IT-R-1.
      expect(await rows('/v1/indicators/case.stalled?groupBy=country', 'auditor')).toEqual([
        { country: 'BG', count: 1 }, { country: 'IT', count: 1 }, { country: 'RO', count: 1 },
      ]);
      // Only IT-R-1 entered SOP 1.
      expect(await rows('/v1/indicators/case.closure?sop=1', 'auditor')).toEqual([expect.objectContaining({ numerator: 1, denominator: 1 })]);
      expect(await rows('/v1/indicators/case.count?sop=1', 'auditor')).toEqual([{ count: 1 }]);
      expect(await rows('/v1/indicators/case.stalled?sop=1', 'auditor')).toEqual([]);
    });
  });
});
