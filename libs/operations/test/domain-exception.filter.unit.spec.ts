import { Logger, NotFoundException } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { DOMAIN_ERROR_CODES, DomainError } from '@trm/domain';
import { BodyParseError, TooManyEventsError } from '@trm/ingest';
import { IndicatorQueryError } from '@trm/indicators';
import { DomainExceptionFilter, HTTP_STATUS } from '../src/domain-exception.filter';

function answer(err: unknown): { status: number; body: Record<string, unknown> } {
  const out = { status: 0, body: {} as Record<string, unknown> };
  const reply = {
    code(s: number) { out.status = s; return reply; },
    header() { return reply; },
    send(b: Record<string, unknown>) { out.body = JSON.parse(JSON.stringify(b)); },
  };
  new DomainExceptionFilter().catch(err, { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost);
  return out;
}

describe('DomainExceptionFilter: one code → status table', () => {
  it('has a 4xx status for every domain error code, and nothing else', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...DOMAIN_ERROR_CODES].sort());
    for (const s of Object.values(HTTP_STATUS)) expect(s >= 400 && s < 500).toBe(true);
  });

  it('answers a domain error with its code, message and details', () => {
    expect(answer(new DomainError('forbidden', 'managers may not see case ids'))).toEqual({
      status: 403, body: { statusCode: 403, error: 'forbidden', message: 'managers may not see case ids' },
    });
    expect(answer(new BodyParseError('line 2 is not JSON', 2, 17, 'malformed_body'))).toEqual({
      status: 400, body: { statusCode: 400, error: 'malformed_body', message: 'line 2 is not JSON', line: 2, offset: 17 },
    });
    expect(answer(new TooManyEventsError(5))).toMatchObject({ status: 413, body: { error: 'too_many_events' } });
    expect(answer(new IndicatorQueryError('from must be before to'))).toMatchObject({ status: 400, body: { error: 'invalid_query' } });
    expect(answer(new IndicatorQueryError('asOf too late', 'out_of_range'))).toMatchObject({ status: 400, body: { error: 'out_of_range' } });
  });

  it('answers the framework\'s own errors with the code of their status, and anything else as internal', () => {
    expect(answer(new NotFoundException('Cannot GET /nope'))).toEqual({ status: 404, body: { statusCode: 404, error: 'not_found', message: 'Cannot GET /nope' } });
    expect(answer(Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }))).toMatchObject({ status: 413, body: { error: 'body_too_large' } });
    const silence = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(answer(new Error('boom'))).toMatchObject({ status: 500, body: { error: 'internal' } });
    silence.mockRestore();
  });
});
