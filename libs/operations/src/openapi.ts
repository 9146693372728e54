import { DIMENSIONS, INDICATORS } from '@trm/indicators';

type Schema = Record<string, unknown>;

const json = (schema: Schema) => ({ 'application/json': { schema } });
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const err = (description: string) => ({ description, content: json(ref('Error')) });
const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', properties, required });
const arr = (items: Schema): Schema => ({ type: 'array', items });

/** The answers every authenticated operation may give besides its own. */
const COMMON = {
  401: err('No key, or an unknown one'),
  403: err('The key\'s role may not use this endpoint, or a country is outside its scope'),
  429: { ...err('Past the key\'s rate limit for a minute'), headers: { 'Retry-After': { schema: int(), description: 'Seconds until the window resets' } } },
};
const BAD = { 400: err('A parameter or body that is refused, with its code (for managers also period_not_aligned: from/to not on the first of a month)') };

/** A date (`YYYY-MM-DD`, 00:00 UTC) or an RFC 3339 date-time, 1970–2299. */
const TIME = str({ pattern: '^(\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|z|[+-]\\d{2}:\\d{2}))?)?$', description: 'Empty means absent' });
const COUNTRY = str({ pattern: '^([A-Za-z]{2}(,[A-Za-z]{2})*)?$' });
const INDICATOR_PARAMS = [
  { name: 'from', in: 'query', schema: TIME, description: 'Period start, inclusive: YYYY-MM-DD or RFC 3339 date-time' },
  { name: 'to', in: 'query', schema: TIME, description: 'Period end, exclusive' },
  { name: 'asOf', in: 'query', schema: TIME, description: 'Knowledge time (default now): only events recorded by then count' },
  { name: 'country', in: 'query', schema: arr(COUNTRY), style: 'form', explode: true, description: 'Repeatable or comma-separated' },
  { name: 'measure', in: 'query', schema: str({ pattern: '^(SOP[1-5]\\.[MC][0-9]{1,2}(,SOP[1-5]\\.[MC][0-9]{1,2})*)?$' }), description: 'Catalogue measure code(s), comma-separated (empty: all)' },
  { name: 'sop', in: 'query', schema: str({ pattern: '^([1-5](,[1-5])*)?$' }), description: 'SOP number(s) 1–5, comma-separated (empty: all)' },
  { name: 'groupBy', in: 'query', schema: str({ pattern: `^((${DIMENSIONS.join('|')})(,(${DIMENSIONS.join('|')}))*)?$` }), description: `Comma-separated among ${DIMENSIONS.join(', ')} (empty: none)` },
];
const REFERRAL_PARAMS = [
  { name: 'toCountry', in: 'query', schema: arr(COUNTRY), style: 'form', explode: true,
    description: 'Referral indicators: the receiving country, repeatable or comma-separated. A rapporteur may name senders (country) or receivers (toCountry) when either list lies within its countries; naming neither, it reads the referrals with its countries on either side' },
];
const SUBMISSION_ID = { name: 'submissionId', in: 'path', required: true, schema: str({ maxLength: 200 }) };
const URI_TOO_LONG = { 414: err('A path segment over 1,000 characters') };
const LIMIT = { name: 'limit', in: 'query', schema: int({ minimum: 1, maximum: 10_000 }) };

const SCHEMAS: Record<string, Schema> = {
  Error: obj({ statusCode: int(), error: str({ pattern: '^[a-z][a-z0-9_]*$' }), message: {} }, ['statusCode', 'error']),
  EventError: obj({ path: str(), code: str(), message: str() }, ['path', 'code', 'message']),
  SubmissionResult: obj({
    submissionId: str(), received: int(), accepted: int(), duplicates: int(),
    rejected: arr(obj({ index: int(), eventId: str(), errors: arr(ref('EventError')) }, ['index', 'errors'])),
    rejectedCount: int({ description: 'On a replayed answer whose stored rejections were cut to the first 1,000' }),
  }, ['submissionId', 'received', 'accepted', 'duplicates', 'rejected']),
  Submission: obj({
    submissionId: str(), keyId: str(), channel: str(), receivedAt: str(), received: int(), accepted: int(), duplicates: int(),
    rejected: arr(obj({ index: int(), eventId: str(), errors: arr(ref('EventError')) })), rejectedCount: int(),
  }, ['submissionId', 'received', 'accepted', 'duplicates', 'rejected']),
  SubmissionSummary: obj({
    submissionId: str(), keyId: str(), channel: str(), receivedAt: str(), received: int(), accepted: int(), duplicates: int(), rejectedCount: int(),
  }, ['submissionId', 'received', 'accepted', 'duplicates', 'rejectedCount']),
  IndicatorRow: {
    type: 'object', additionalProperties: true,
    properties: {
      numerator: { type: ['integer', 'null'] }, denominator: { type: ['integer', 'null'] }, value: { type: ['number', 'null'] },
      ci95: { type: ['array', 'null'], items: { type: 'number' } }, n: { type: ['integer', 'null'] }, median: { type: ['number', 'null'] },
      p90: { type: ['number', 'null'] }, count: { type: ['integer', 'null'] }, suppressed: { type: 'boolean' },
      caseIds: arr(str()),
    },
  },
  IndicatorAnswer: {
    type: 'object', required: ['asOf', 'rows'], additionalProperties: true,
    properties: {
      indicator: str({ enum: INDICATORS.map((d) => d.id) }), title: str(), unit: str(), asOf: str(), from: { type: ['string', 'null'] },
      to: { type: ['string', 'null'] }, catalogueVersion: str(), complete: { type: 'boolean' }, rows: arr(ref('IndicatorRow')),
      disclosureControl: {
        type: 'object', description: 'Present when the figures are under disclosure control (managers: INDICATORS.md "Disclosure control")',
        properties: { k: int(), method: str({ enum: ['cell-key'] }), asOfRounded: { type: 'boolean' } },
      },
    },
  },
  ComponentStatus: str({ enum: ['up', 'loading', 'degraded', 'down'] }),
  Health: obj({
    status: str({ enum: ['ok', 'loading', 'degraded', 'down'] }),
    components: obj({
      eventStore: { type: 'object', required: ['status'], properties: { status: ref('ComponentStatus') } },
      warehouse: { type: 'object', required: ['status'], properties: { status: ref('ComponentStatus') } },
      projector: { type: 'object', required: ['status'], properties: { status: ref('ComponentStatus') } },
    }, ['eventStore', 'warehouse', 'projector']),
    demoData: { type: 'boolean' },
  }, ['status', 'components']),
  QuarantinedEvent: obj({
    position: int(), eventId: str(), caseId: str(), country: str(), type: str(), reason: str(), quarantinedAt: str(),
  }, ['position', 'eventId', 'reason']),
  ReplayResult: obj({
    ok: { type: 'boolean' }, replayDatabase: str(), replayed: int(), asOf: str(), comparisons: int(), differences: arr({ type: 'object' }),
    quarantined: arr({ type: 'object' }), swapped: { type: 'boolean' }, durationMs: { type: 'object' },
  }, ['ok', 'differences']),
};

/** The OpenAPI 3.1 document of CONTRACT.md §2, served at /v1/openapi.json. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'TRM Monitor API', version: '1.0.0', description: 'Monitoring and evaluation of the Transnational Referral Mechanism: submit SOP-measure events, read compliance and gap indicators, audit.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: SCHEMAS },
    security: [{ bearer: [] }],
    paths: {
      '/v1/events': {
        post: {
          summary: 'Submit events (NDJSON, JSON array or CSV)',
          parameters: [{ name: 'Idempotency-Key', in: 'header', schema: str({ pattern: '^[\\x21-\\x7e]{1,200}$' }) }],
          requestBody: {
            required: true,
            content: {
              'application/x-ndjson': { schema: str() },
              // Any item: each is answered on its own (an item that is not an event is rejected in `rejected`).
              'application/json': { schema: { oneOf: [{ type: 'array' }, { type: 'object' }] } },
              'text/csv': { schema: str() },
            },
          },
          responses: {
            200: ok('One answer per event', ref('SubmissionResult')), ...BAD, ...COMMON,
            409: err('Idempotency-Key reused for another body'), 413: err('Body over the size or event limit'), 415: err('Unsupported content type'),
          },
        },
      },
      '/v1/submissions/{submissionId}': {
        get: { summary: 'A submission of the calling key', parameters: [SUBMISSION_ID], responses: { 200: ok('The submission', ref('Submission')), ...BAD, ...COMMON, 404: err('Unknown, or another key\'s'), ...URI_TOO_LONG } },
      },
      '/v1/indicators': {
        get: { summary: 'Indicator definitions', responses: { 200: ok('The definitions', obj({ catalogueVersion: str(), indicators: arr(obj({ id: str(), title: str(), kind: str(), unit: str() }, ['id'])) }, ['indicators'])), ...COMMON } },
      },
      '/v1/indicators/{id}': {
        get: {
          summary: 'One indicator',
          parameters: [{ name: 'id', in: 'path', required: true, schema: str({ enum: INDICATORS.map((d) => d.id) }) }, ...INDICATOR_PARAMS, ...REFERRAL_PARAMS],
          responses: { 200: ok('Rows', ref('IndicatorAnswer')), ...BAD, ...COMMON, 404: err('Unknown indicator'), ...URI_TOO_LONG },
        },
      },
      '/v1/gaps': {
        get: {
          summary: 'Overdue measures, by measure; with `detail=cases` the pseudonymous case ids (not for managers)',
          parameters: [...INDICATOR_PARAMS, { name: 'detail', in: 'query', schema: str({ enum: ['cases'] }) }],
          responses: { 200: ok('Overdue counts by measure', ref('IndicatorAnswer')), ...BAD, ...COMMON },
        },
      },
      '/v1/referrals/open': {
        get: {
          summary: 'Referrals still open as of asOf, oldest first (rapporteurs of either side, auditors; access-logged)',
          parameters: [{ name: 'country', in: 'query', schema: arr(COUNTRY), style: 'form', explode: true, description: 'Senders' }, ...REFERRAL_PARAMS, { name: 'asOf', in: 'query', schema: TIME }],
          responses: {
            200: ok('Open referrals', obj({
              asOf: str(), complete: { type: 'boolean' },
              rows: arr(obj({
                referralId: str({ description: 'As stored (re-keyed at ingest)' }), country: str({ description: 'Sender' }), toCountry: str({ description: 'Receiver' }),
                sentAt: str(), state: str({ enum: ['unacknowledged', 'without_feedback'] }), ageDays: { type: 'number' },
                overdue: { type: 'boolean', description: 'Past P7D without a receipt, or past P90D without feedback' },
              }, ['referralId', 'country', 'toCountry', 'sentAt', 'state', 'ageDays', 'overdue'])),
            }, ['rows'])),
            ...BAD, ...COMMON,
          },
        },
      },
      '/v1/panels/{panelId}.svg': {
        get: {
          summary: 'A dashboard panel as SVG (ECharts server-side rendering), with the dashboards\' filters plus width/height',
          parameters: [
            { name: 'panelId', in: 'path', required: true, schema: str({ pattern: '^[a-z0-9-]{1,60}$' }) }, ...INDICATOR_PARAMS,
            { name: 'width', in: 'query', schema: int({ minimum: 200, maximum: 2400 }) }, { name: 'height', in: 'query', schema: int({ minimum: 200, maximum: 2400 }) },
          ],
          responses: { 200: { description: 'The panel', content: { 'image/svg+xml': { schema: str() } } }, ...BAD, ...COMMON, 404: err('Unknown or browser-only panel'), ...URI_TOO_LONG },
        },
      },
      '/v1/audit/cases/{caseId}/events': {
        get: {
          summary: 'A case\'s full history as stored',
          parameters: [{ name: 'caseId', in: 'path', required: true, schema: str({ pattern: '^[a-z2-7]{26}$' }) }],
          responses: { 200: ok('Events in order', obj({ caseId: str(), streamId: str(), events: arr({ type: 'object' }) }, ['caseId', 'events'])), ...BAD, ...COMMON, 404: err('No such case'), ...URI_TOO_LONG },
        },
      },
      '/v1/audit/submissions': {
        get: {
          summary: 'Submissions, newest first', parameters: [LIMIT, { name: 'keyId', in: 'query', schema: str({ maxLength: 200 }) }],
          responses: { 200: ok('Submissions, without their rejections', obj({ submissions: arr(ref('SubmissionSummary')) }, ['submissions'])), ...BAD, ...COMMON },
        },
      },
      '/v1/audit/submissions/{submissionId}': {
        get: { summary: 'What one submission brought', parameters: [SUBMISSION_ID], responses: { 200: ok('The submission', ref('Submission')), ...BAD, ...COMMON, 404: err('Unknown'), ...URI_TOO_LONG } },
      },
      '/v1/audit/replay': {
        post: {
          summary: 'Rebuild the warehouse beside the live one and compare every indicator',
          requestBody: { required: false, content: json(obj({ swap: { type: 'boolean' }, keep: { type: 'boolean' } })) },
          responses: { 200: ok('Differences (expected: none) and quarantined events', ref('ReplayResult')), ...BAD, ...COMMON, 409: err('A replay is already running') },
        },
        get: { summary: 'Progress of the running or last replay', responses: { 200: ok('Progress', obj({ running: { type: 'boolean' }, phase: str() }, ['running', 'phase'])), ...COMMON } },
      },
      '/v1/audit/quarantine': {
        get: { summary: 'Events the projector could not project, by position', responses: { 200: ok('The quarantine', obj({ quarantined: arr(ref('QuarantinedEvent')) }, ['quarantined'])), ...COMMON } },
      },
      '/v1/audit/verify': {
        post: { summary: 'Check the event store\'s hash chains', responses: { 200: ok('{ ok, checked, problems }', obj({ ok: { type: 'boolean' }, checked: int(), problems: arr({ type: 'object' }) }, ['ok', 'checked', 'problems'])), ...COMMON } },
      },
      '/v1/audit/access': {
        get: {
          summary: 'The access log', parameters: [LIMIT, { name: 'since', in: 'query', schema: TIME, description: 'Entries at or after this time' }],
          responses: { 200: ok('Entries, newest first', obj({ entries: arr(obj({ at: str(), keyId: str(), role: str(), action: str(), target: str() })) }, ['entries'])), ...BAD, ...COMMON },
        },
      },
      '/v1/cases/lookup': {
        post: {
          summary: 'Pseudonymous caseId of (country, caseRef), for a key scoped to that country',
          requestBody: { required: true, content: json(obj({ country: str({ pattern: '^[A-Z]{2}$' }), caseRef: str({ pattern: '^[A-Za-z0-9._:/-]{1,64}$' }) }, ['country', 'caseRef'])) },
          responses: { 200: ok('The case id', obj({ country: str(), caseId: str() }, ['country', 'caseId'])), ...BAD, ...COMMON },
        },
      },
      '/v1/openapi.json': { get: { summary: 'This document', responses: { 200: ok('OpenAPI 3.1', { type: 'object' }), ...COMMON } } },
      '/health': {
        get: {
          summary: 'Liveness and readiness per component; details (positions, counts, error codes) only with a key of any role', security: [],
          responses: { 200: ok('Serving (ok, or degraded: some events quarantined)', ref('Health')), 503: ok('Loading a backlog, or a component is down', ref('Health')) },
        },
      },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: str() } } }, ...COMMON } } },
    },
  };
}

/** Path templates of the document as patterns, with their methods: for 405 answers to other methods. */
export function documentedRoutes(): { pattern: RegExp; methods: string[] }[] {
  return Object.entries(openApiDocument().paths).map(([path, ops]) => ({
    pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    methods: Object.keys(ops).map((m) => m.toUpperCase()),
  }));
}
