import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, renderOpenApi } from '../../../scripts/openapi/generate';

type Operation = { summary?: string; security?: unknown[]; parameters?: { in: string; name: string; schema: Record<string, unknown> }[]; responses: Record<string, { content?: Record<string, unknown> }> };

/**
 * docs/openapi.json is the server's document generated from the code (controllers, their swagger
 * decorators, the key check); when a route, a parameter or an answer changes, the committed file
 * must be regenerated (npm run openapi:render) so a reviewer sees
 * the change. Schemathesis runs against the same document as served.
 */
describe('OpenAPI document (docs/openapi.json)', () => {
  let text: string;
  let doc: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    text = await renderOpenApi();
    doc = JSON.parse(text);
  });

  it('is committed as generated (regenerate: npm run openapi:render)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(text);
  });

  it('covers every endpoint of the server, and only those', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual([
      'GET /health', 'GET /metrics', 'GET /v1/audit/access', 'GET /v1/audit/cases/{caseId}/events', 'GET /v1/audit/quarantine',
      'GET /v1/audit/replay', 'GET /v1/audit/submissions', 'GET /v1/audit/submissions/{submissionId}',
      'GET /v1/catalogue', 'GET /v1/catalogue/diff', 'GET /v1/catalogue/{id}', 'GET /v1/gaps',
      'GET /v1/indicators', 'GET /v1/indicators/{id}', 'GET /v1/openapi.json', 'GET /v1/panels/{file}', 'GET /v1/referrals/open',
      'GET /v1/submissions/{submissionId}', 'POST /v1/audit/replay', 'POST /v1/audit/verify', 'POST /v1/cases/lookup', 'POST /v1/catalogue',
      'POST /v1/events',
    ]);
  });

  it('describes each operation: a summary, a typed 200 (201 for a publication), the key check\'s answers, constrained path parameters', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const at = `${method.toUpperCase()} ${path}`;
        expect([at, typeof op.summary]).toEqual([at, 'string']);
        const success = at === 'POST /v1/catalogue' ? '201' : '200';
        expect([at, Object.keys(op.responses[success]?.content ?? {}).length]).toEqual([at, 1]);
        if (path !== '/health') expect([at, ['401', '403', '429'].filter((c) => op.responses[c])]).toEqual([at, ['401', '403', '429']]);
        for (const p of op.parameters ?? []) {
          if (p.in === 'path') expect([at, p.name, Object.keys(p.schema).some((k) => ['pattern', 'enum', 'maxLength'].includes(k))]).toEqual([at, p.name, true]);
        }
      }
    }
    expect(doc.paths['/health'].get.security).toEqual([]);
  });

  it('resolves every $ref to a component schema', () => {
    const schemas = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    const refs = [...new Set([...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]))];
    expect(refs.length).toBeGreaterThan(5);
    expect(refs.filter((r) => !schemas[r])).toEqual([]);
  });
});
