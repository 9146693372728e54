import { randomUUID } from 'node:crypto';

/** Small valid events for HTTP tests (CONTRACT.md §1 example shapes). */
export function opened(caseRef: string, country = 'BG', overrides: Record<string, unknown> = {}) {
  return {
    eventId: randomUUID(), type: 'case.opened', schemaVersion: 1, country, caseRef,
    occurredAt: '2024-03-01T09:30:00+01:00',
    profile: { ageBand: '18-24', sex: 'female', citizenship: 'RO', exploitation: ['sexual'], countryRole: 'destination' },
    ...overrides,
  };
}

export function measure(caseRef: string, code: string, status = 'completed', country = 'BG', occurredAt = '2024-03-01T15:00:00+01:00') {
  return {
    eventId: randomUUID(), type: 'measure.recorded', schemaVersion: 1, country, caseRef, occurredAt,
    measure: code, status, actor: 'ngo',
  };
}

export function ndjson(events: object[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}
