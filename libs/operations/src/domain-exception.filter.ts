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
      const body = err.getResponse();
      reply.code(err.getStatus()).send(typeof body === 'string' ? { statusCode: err.getStatus(), message: body } : body);
    } else if ((err as { statusCode?: number }).statusCode && (err as { statusCode: number }).statusCode < 500) {
      // Fastify's own errors (body too large, bad content type) carry their status.
      const e = err as { statusCode: number; code?: string; message: string };
      reply.code(e.statusCode).send({ statusCode: e.statusCode, error: e.code ?? 'bad_request', message: e.message });
    } else {
      this.logger.error(`unexpected error: ${(err as Error).message}`, (err as Error).stack);
      reply.code(500).send({ statusCode: 500, error: 'internal', message: 'internal error; nothing of this request was acknowledged' });
    }
  }
}
