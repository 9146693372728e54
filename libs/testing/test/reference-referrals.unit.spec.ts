// The reference implementation, hand-computed: referral acknowledgement, feedback, days to acknowledgement.
import { referenceIndicator, Scenario, query } from '../src/reference';

const DAY = 86_400_000;
const SENT = '2024-04-01T00:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(SENT) + ms).toISOString();

describe('referral.acknowledgement and referral.days_to_acknowledgement', () => {
  const s = new Scenario();
  s.open('bg', '2024-03-20T00:00:00.000Z', { country: 'BG' });
  s.open('ro', '2024-03-20T00:00:00.000Z', { country: 'RO' });
  s.open('it', '2024-03-20T00:00:00.000Z', { country: 'IT' });
  for (const id of ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R8', 'R9']) s.sent('bg', id, 'RO', SENT);
  s.sent('bg', 'R7', 'RO', '2024-05-01T00:00:00.000Z'); // outside [from, to)
  s.received('ro', 'R1', 'BG', plus(7 * DAY)); // exactly P7D: acknowledged
  s.received('ro', 'R2', 'BG', plus(7 * DAY + 1)); // 1 ms late
  s.received('it', 'R3', 'BG', plus(DAY)); // recorded by the wrong country
  s.received('ro', 'R4', 'AL', plus(DAY)); // names the wrong sender
  // R5: never received
  s.received('ro', 'R6', 'BG', plus(-3_600_000)); // an hour before the sending: no lower bound
  s.received('ro', 'R7', 'BG', '2024-05-01T01:00:00.000Z');
  s.received('ro', 'R8', 'BG', plus(10 * DAY));
  s.received('ro', 'R8', 'BG', plus(2 * DAY)); // the earliest matching one counts
  const r9 = s.received('ro', 'R9', 'BG', plus(DAY));
  s.retract('ro', r9, plus(2 * DAY));
  const q = query({ from: '2024-04-01', to: '2024-05-01' });

  it('counts effective referral.sent in the period; acknowledged = matching received ≤ sent + P7D', () => {
    const [r] = referenceIndicator(s.events, 'referral.acknowledgement', q);
    expect(r).toMatchObject({ numerator: 3, denominator: 8 }); // R1, R6, R8 of R1–R6, R8, R9
    expect(r.value).toBe(3 / 8);
  });

  it('days_to_acknowledgement: earliest matching received minus the sending, any delay, maybe negative', () => {
    const rows = referenceIndicator(s.events, 'referral.days_to_acknowledgement', q);
    expect(rows).toHaveLength(1);
    // values: -1/24 (R6), 2 (R8), 7 (R1), 7 + 1 ms (R2)
    expect(rows[0].n).toBe(4);
    expect(rows[0].median).toBeCloseTo(4.5, 12);
    expect(rows[0].p90).toBeCloseTo(7 + 0.7 / DAY, 12);
  });

  it('groups by the sender case and the sent toCountry; period from the sending', () => {
    const t = new Scenario();
    t.open('bg', '2024-03-31T00:00:00.000Z', { country: 'BG', profile: { sex: 'male' } });
    t.open('ro', '2024-03-20T00:00:00.000Z', { country: 'RO', profile: { sex: 'female' } });
    t.open('it', '2024-03-20T00:00:00.000Z', { country: 'IT' });
    t.sent('bg', 'A', 'RO', '2024-04-02T00:00:00.000Z');
    t.sent('bg', 'B', 'IT', '2024-04-03T00:00:00.000Z');
    t.received('it', 'B', 'BG', '2024-04-04T00:00:00.000Z');
    const rows = referenceIndicator(
      t.events,
      'referral.acknowledgement',
      query({ groupBy: ['sex', 'toCountry', 'period:month'] }),
    );
    expect(rows.map((r) => [r.sex, r.toCountry, r.period, r.numerator, r.denominator])).toEqual([
      ['male', 'IT', '2024-04', 1, 1],
      ['male', 'RO', '2024-04', 0, 1],
    ]);
    expect(referenceIndicator(t.events, 'referral.acknowledgement', query({ countries: ['RO'] }))).toEqual([]);
  });
});

describe('referral.feedback', () => {
  const s = new Scenario();
  s.open('bg', '2024-03-20T00:00:00.000Z', { country: 'BG' });
  s.open('ro', '2024-03-20T00:00:00.000Z', { country: 'RO' });
  s.open('it', '2024-03-20T00:00:00.000Z', { country: 'IT' });
  for (const id of ['F1', 'F2', 'F3', 'F4', 'F5']) s.sent('bg', id, 'RO', SENT);
  s.feedback('ro', 'F1', 'BG', plus(90 * DAY)); // exactly P90D
  s.feedback('ro', 'F2', 'BG', plus(90 * DAY + 1));
  s.feedback('ro', 'F3', 'IT', plus(DAY)); // sent to the wrong country
  s.feedback('it', 'F4', 'BG', plus(DAY)); // from a country the referral did not go to
  s.feedback('ro', 'F5', 'BG', plus(30 * DAY));

  it('counts matching feedback by the receiving country to the sender within P90D, no received needed', () => {
    const [r] = referenceIndicator(s.events, 'referral.feedback', query());
    expect(r).toMatchObject({ numerator: 2, denominator: 5, value: 0.4 });
  });
});
