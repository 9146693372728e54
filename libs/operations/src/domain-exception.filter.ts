import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { IndicatorQueryError } from '@trm/indicators';
import { BodyParseError, TooManyEventsError } from '@trm/ingest';

interface Reply {
  code(status: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

/**
 * One place maps errors to HTTP; handlers never build HTTP errors from domain failures. Messages
 * are ours, never the input's: a rejected body may hold personal data.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<Reply>();
    if (err instanceof BodyParseError) {
      reply.code(400).send({ statusCode: 400, error: err.code, message: err.message, line: err.line, offset: err.offset });
    } else if (err instanceof TooManyEventsError) {
      reply.code(413).send({ statusCode: 413, error: err.code, message: err.message });
    } else if (err instanceof IndicatorQueryError) {
      reply.code(400).send({ statusCode: 400, error: err.code, message: err.message });
    } else if (err instanceof HttpException) {
      const status = err.getStatus();
      const body = err.getResponse() as string | { error?: unknown; message?: unknown };
      const message = typeof body === 'string' ? body : body.message;
      // Nest's exceptions name their status ("Bad Request"): answered as a code like every other error.
      const error = typeof body === 'object' && typeof body.error === 'string' && /^[a-z][a-z0-9_]*$/.test(body.error) ? body.error : codeOf(status);
      reply.code(status).send({ statusCode: status, error, message });
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

/** The stable code of an HTTP status, for errors that carry no code of their own. */
export function codeOf(status: number): string {
  return CODES[status] ?? (status < 500 ? 'bad_request' : 'internal');
}
