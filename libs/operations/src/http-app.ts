import { ConsoleLogger, Module } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeyGuard, bearerAuthHook } from '@trm/auth';
import { RuntimeModule } from '@trm/runtime';
import type { Runtime } from '@trm/runtime';
import { DomainExceptionFilter } from './domain-exception.filter';

/** Nest's start-up chatter (modules, routes) only at debug level; everything else as configured. */
class TrmLogger extends ConsoleLogger {
  private static readonly CHATTY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);
  override log(message: unknown, context?: string): void {
    if (context && TrmLogger.CHATTY.has(context) && !this.isLevelEnabled('debug')) return;
    super.log(message, context);
  }
}

class SafeJsonError extends Error {
  readonly statusCode = 400;
  readonly code = 'malformed_body';
}

/**
 * One Nest + Fastify application for any mix of feature modules. Bodies are read as bytes with
 * the configured limit (Fastify answers 413 past it), JSON is parsed by us so that a parse error
 * never echoes the input, and the key is resolved before the body is read.
 */
export async function createHttpApp(runtime: Runtime, features: (Type | DynamicModule)[]): Promise<NestFastifyApplication> {
  @Module({
    imports: [RuntimeModule.forRuntime(runtime), ...features],
    providers: [
      { provide: APP_GUARD, useClass: ApiKeyGuard },
      { provide: APP_FILTER, useClass: DomainExceptionFilter },
    ],
  })
  class AppModule {}

  const adapter = new FastifyAdapter({ bodyLimit: runtime.config.maxBodyBytes, logger: false, routerOptions: { maxParamLength: 200 } });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new TrmLogger({ logLevels: (['error', 'warn', 'log', 'debug'] as const).slice(0, ['error', 'warn', 'log', 'debug'].indexOf(runtime.config.logLevel) + 1) }),
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', bearerAuthHook(runtime.keys) as never);
  fastify.addContentTypeParser(['application/x-ndjson', 'text/csv'], { parseAs: 'buffer', bodyLimit: runtime.config.maxBodyBytes }, (_req, body, done) => done(null, body));
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: runtime.config.maxBodyBytes }, (_req, body, done) => {
    if ((body as Buffer).length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      done(new SafeJsonError(`body is not valid JSON${m ? ` (at byte offset ${m[1]})` : ''}`), undefined);
    }
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
