import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@trm/domain';
import type { DomainErrorCode } from '@trm/domain';

interface Reply {
  code(status: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

/** The one code → HTTP status table: every domain error code has its status here and nowhere else. */
export const HTTP_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  bad_request: 400, invalid_query: 400, out_of_range: 400, period_not_aligned: 400,
  malformed_body: 400, invalid_utf8: 400, nesting_too_deep: 400, forbidden_key: 400, duplicate_key: 400,
  forbidden_column: 400, duplicate_column: 400, too_many_columns: 400, missing_column: 400, bad_idempotency_key: 400,
  unsupported_media_type: 415, too_many_events: 413,
  unauthorized: 401, forbidden: 403,
  not_found: 404, conflict: 409,
};

/**
 * One place maps errors to HTTP: services and handlers throw (or return) DomainError with a stable
 * code, never an HTTP exception. What else arrives here is the framework's own (Nest's unknown
 * route, Fastify's body limit or content type) and is answered with the code of its status.
 * Messages are ours, never the input's: a rejected body may hold personal data.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<Reply>();
    if (err instanceof DomainError) {
      const status = HTTP_STATUS[err.code];
      reply.code(status).send({ statusCode: status, error: err.code, message: err.message, ...err.details });
    } else if (err instanceof HttpException) {
      // Nest's own (an unknown route): answered as a code like every other error.
      const status = err.getStatus();
      const body = err.getResponse() as string | { message?: unknown };
      reply.code(status).send({ statusCode: status, error: codeOf(status), message: typeof body === 'string' ? body : body.message });
    } else if ((err as { statusCode?: number }).statusCode && (err as { statusCode: number }).statusCode < 500) {
      // Fastify's own errors (body too large, bad content type) carry their status; their messages
      // are Fastify's, never the body's.
      const e = err as { statusCode: number; code?: string; message: string };
      const code = (err as { code?: unknown }).code;
      reply.code(e.statusCode).send({
        statusCode: e.statusCode, error: typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code) ? code : codeOf(e.statusCode), message: e.message,
      });
    } else {
      this.logger.error(`unexpected error: ${(err as Error).message}`, (err as Error).stack);
      reply.code(500).send({ statusCode: 500, error: 'internal', message: 'internal error; nothing of this request was acknowledged' });
    }
  }
}

const CODES: Record<number, string> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 406: 'not_acceptable',
  409: 'conflict', 411: 'length_required', 413: 'body_too_large', 414: 'uri_too_long', 415: 'unsupported_media_type', 429: 'rate_limited',
};

/** The stable code of an HTTP status, for the framework's errors, which carry no code of their own. */
export function codeOf(status: number): string {
  return CODES[status] ?? (status < 500 ? 'bad_request' : 'internal');
}
