import { DIMENSIONS, INDICATORS } from '@trm/indicators';
import { OPEN_REFERRALS_PATH, TO_COUNTRY_PARAM } from './openapi-referrals';

const json = (schema: object) => ({ 'application/json': { schema } });
const err = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });

/** The OpenAPI 3.1 document of CONTRACT.md §2, served at /v1/openapi.json. */
export function openApiDocument() {
  const bearer = [{ bearer: [] }];
  const indicatorParams = [
    { name: 'from', in: 'query', schema: { type: 'string' }, description: 'Period start, inclusive: YYYY-MM-DD or RFC 3339 date-time' },
    { name: 'to', in: 'query', schema: { type: 'string' }, description: 'Period end, exclusive' },
    { name: 'asOf', in: 'query', schema: { type: 'string' }, description: 'Knowledge time (default now): only events recorded by then count' },
    { name: 'country', in: 'query', schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true, description: 'Repeatable or comma-separated' },
    { name: 'measure', in: 'query', schema: { type: 'string' }, description: 'Catalogue measure code(s), comma-separated' },
    { name: 'sop', in: 'query', schema: { type: 'string' }, description: 'SOP number(s) 1–5, comma-separated' },
    { name: 'groupBy', in: 'query', schema: { type: 'string' }, description: `Comma-separated among ${DIMENSIONS.join(', ')}` },
    TO_COUNTRY_PARAM,
  ];
  return {
    openapi: '3.1.0',
    info: { title: 'TRM Monitor API', version: '1.0.0', description: 'Monitoring and evaluation of the Transnational Referral Mechanism: submit SOP-measure events, read compliance and gap indicators, audit.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: { type: 'object', properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } } },
        SubmissionResult: {
          type: 'object', required: ['submissionId', 'received', 'accepted', 'duplicates', 'rejected'],
          properties: {
            submissionId: { type: 'string' }, received: { type: 'integer' }, accepted: { type: 'integer' }, duplicates: { type: 'integer' },
            rejected: { type: 'array', items: { type: 'object', properties: {
              index: { type: 'integer' }, eventId: { type: 'string' },
              errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } },
            } } },
          },
        },
        IndicatorAnswer: {
          type: 'object',
          properties: {
            indicator: { type: 'string', enum: INDICATORS.map((d) => d.id) }, asOf: { type: 'string' }, from: { type: ['string', 'null'] },
            to: { type: ['string', 'null'] }, catalogueVersion: { type: 'string' }, complete: { type: 'boolean' },
            disclosureControl: {
              type: 'object', description: 'Present when the figures are under disclosure control (managers: INDICATORS.md "Disclosure control")',
              properties: { k: { type: 'integer' }, method: { type: 'string', enum: ['cell-key'] }, asOfRounded: { type: 'boolean' } },
            },
            rows: { type: 'array', items: { type: 'object', additionalProperties: true, properties: {
              numerator: { type: ['integer', 'null'] }, denominator: { type: ['integer', 'null'] }, value: { type: ['number', 'null'] },
              ci95: { type: ['array', 'null'], items: { type: 'number' } }, n: { type: ['integer', 'null'] }, median: { type: ['number', 'null'] },
              p90: { type: ['number', 'null'] }, count: { type: ['integer', 'null'] }, suppressed: { type: 'boolean' },
            } } },
          },
        },
      },
    },
    security: bearer,
    paths: {
      '/v1/events': {
        post: {
          summary: 'Submit events (NDJSON, JSON array or CSV)',
          parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array', items: { type: 'object' } } }, 'text/csv': { schema: { type: 'string' } } } },
          responses: {
            200: { description: 'One answer per event', content: json({ $ref: '#/components/schemas/SubmissionResult' }) },
            400: err('The body cannot be parsed (line / offset given)'), 401: err('No or unknown key'), 403: err('Role may not submit'),
            409: err('Idempotency-Key reused for another body'), 413: err('Body over the size or event limit'), 415: err('Unsupported content type'),
          },
        },
      },
      '/v1/indicators': { get: { summary: 'Indicator definitions', responses: { 200: { description: 'List' } } } },
      '/v1/indicators/{id}': {
        get: {
          summary: 'One indicator',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', enum: INDICATORS.map((d) => d.id) } }, ...indicatorParams],
          responses: { 200: { description: 'Rows', content: json({ $ref: '#/components/schemas/IndicatorAnswer' }) }, 400: err('A parameter that makes no sense (period_not_aligned: a manager\'s from/to not on the first of a month)'), 403: err('Country outside the key\'s scope'), 404: err('Unknown indicator') },
        },
      },
      '/v1/gaps': { get: { summary: 'Overdue measures', parameters: [...indicatorParams, { name: 'detail', in: 'query', schema: { type: 'string', enum: ['cases'] } }], responses: { 200: { description: 'Overdue counts by measure' } } } },
      '/v1/submissions/{submissionId}': { get: { summary: 'A submission of the calling key', parameters: [{ name: 'submissionId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Submission' }, 404: err('Unknown') } } },
      '/v1/audit/cases/{caseId}/events': { get: { summary: 'A case\'s full history as stored', parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Events' } } } },
      '/v1/audit/submissions/{submissionId}': { get: { summary: 'What one submission brought', parameters: [{ name: 'submissionId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Submission' } } } },
      '/v1/audit/replay': { post: { summary: 'Rebuild the warehouse beside the live one and compare every indicator', responses: { 200: { description: 'Differences' } } } },
      '/v1/audit/verify': { post: { summary: 'Check the event store\'s hash chains', responses: { 200: { description: '{ ok, checked, problems }' } } } },
      '/v1/audit/access': { get: { summary: 'The access log', responses: { 200: { description: 'Entries' } } } },
      '/v1/cases/lookup': { post: { summary: 'Pseudonymous caseId of (country, caseRef)', requestBody: { content: json({ type: 'object', required: ['country', 'caseRef'], properties: { country: { type: 'string' }, caseRef: { type: 'string' } } }) }, responses: { 200: { description: '{ caseId }' } } } },
      '/v1/panels/{panelId}.svg': { get: { summary: 'A dashboard panel as SVG (ECharts server-side rendering), same filters as the dashboards plus width/height', parameters: [{ name: 'panelId', in: 'path', required: true, schema: { type: 'string' } }, ...indicatorParams, { name: 'width', in: 'query', schema: { type: 'integer', minimum: 200, maximum: 2400 } }, { name: 'height', in: 'query', schema: { type: 'integer', minimum: 200, maximum: 2400 } }], responses: { 200: { description: 'image/svg+xml' }, 403: err('Country outside the key\'s scope'), 404: err('Unknown or browser-only panel') } } },
      ...OPEN_REFERRALS_PATH,
      '/health': { get: { summary: 'Liveness and readiness', security: [], responses: { 200: { description: 'Ready' }, 503: { description: 'A component is not ready' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text/plain' } } } },
    },
  };
}
