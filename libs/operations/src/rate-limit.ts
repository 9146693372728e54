import type { TrmConfig } from '@trm/config';

interface LimitedRequest {
  method: string;
  url: string;
  apiKey?: { id: string };
}

/** Submissions go to POST /v1/events; everything else a key does is a read. */
const isSubmission = (req: LimitedRequest): boolean => req.method === 'POST' && /^\/v1\/events(\?|$)/.test(req.url);

/**
 * Per-key request limits (@fastify/rate-limit), one for submissions and one for reads, each a
 * fixed one-minute window; 429 with `Retry-After` beyond them. The bearer-key hook runs first, so
 * the limit counts per key id (a stolen key cannot flood under another name); requests without a
 * key are answered 401 before they cost anything and are not counted here, nor are /health and the
 * dashboards' static files.
 */
export function rateLimitOptions(config: TrmConfig) {
  return {
    global: true,
    timeWindow: 60_000,
    max: (req: LimitedRequest) => (isSubmission(req) ? config.rateLimitSubmissions : config.rateLimitReads),
    keyGenerator: (req: LimitedRequest) => `${isSubmission(req) ? 'submit' : 'read'}:${req.apiKey?.id ?? ''}`,
    allowList: (req: LimitedRequest) => req.apiKey === undefined,
    errorResponseBuilder: (_req: LimitedRequest, context: { after: string; max: number }) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `this key may make ${context.max} such requests a minute; retry in ${context.after}`,
    }),
  };
}
