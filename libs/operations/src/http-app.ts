import { ConsoleLogger, Module } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeyGuard, bearerAuthHook } from '@trm/auth';
import { RuntimeModule } from '@trm/runtime';
import type { Runtime } from '@trm/runtime';
import rateLimit from '@fastify/rate-limit';
import { parseGuarded, utf8Text } from '@trm/ingest';
import { rateLimitOptions } from './rate-limit';
import { DomainExceptionFilter } from './domain-exception.filter';
import { OperationsModule } from './operations.module';
import { documentedRoutes, openApiDocument, OpenApiDocumentHolder } from './openapi';

/** Nest's start-up chatter (modules, routes) only at debug level; everything else as configured. */
class TrmLogger extends ConsoleLogger {
  private static readonly CHATTY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);
  override log(message: unknown, context?: string): void {
    if (context && TrmLogger.CHATTY.has(context) && !this.isLevelEnabled('debug')) return;
    super.log(message, context);
  }
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

  const adapter = new FastifyAdapter({ bodyLimit: runtime.config.maxBodyBytes, logger: false, routerOptions: { maxParamLength: 1_000 } });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new TrmLogger({ logLevels: (['error', 'warn', 'log', 'debug'] as const).slice(0, ['error', 'warn', 'log', 'debug'].indexOf(runtime.config.logLevel) + 1) }),
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  let routes: Route[] = [];
  fastify.addHook('onRequest', methodNotAllowedHook(() => routes) as never);
  fastify.addHook('onRequest', bearerAuthHook(runtime.keys) as never);
  await fastify.register(rateLimit as never, rateLimitOptions(runtime.config) as never);
  // Submitted bodies stay bytes until the events controller parses them (and hashes them for an
  // Idempotency-Key); every other JSON body is parsed here with the same guards (UTF-8, depth,
  // prototype and duplicate keys), so a parse error never echoes the input.
  fastify.addContentTypeParser(['application/x-ndjson', 'text/csv', 'application/json'], { parseAs: 'buffer', bodyLimit: runtime.config.maxBodyBytes }, (req, body, done) => {
    const buf = body as Buffer;
    if (req.url.startsWith('/v1/events') || !/^application\/json/i.test(req.headers['content-type'] ?? '')) return done(null, buf);
    if (buf.length === 0) return done(null, undefined);
    try {
      done(null, parseGuarded(utf8Text(buf), {}));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.enableShutdownHooks();
  await app.init();
  // The document of the routes this process serves, generated once they are known.
  const document = openApiDocument(app);
  routes = documentedRoutes(document);
  const holder = features.includes(OperationsModule) ? app.get(OpenApiDocumentHolder) : undefined;
  if (holder) holder.document = document;
  return app;
}

/**
 * A documented path asked with a method it does not serve answers 405 with `Allow` (TRACE, PUT,
 * DELETE, …), before any key is looked at: it tells nothing about the data.
 */
type Route = ReturnType<typeof documentedRoutes>[number];

function methodNotAllowedHook(documented: () => Route[]) {
  return (req: { method: string; url: string }, reply: { code(n: number): typeof reply; header(k: string, v: string): typeof reply; send(b: unknown): void }, done: () => void): void => {
    const path = req.url.split('?')[0];
    const route = documented().find((r) => r.pattern.test(path));
    if (!route) return done();
    const allowed = route.methods.includes('GET') ? [...route.methods, 'HEAD'] : route.methods;
    if (allowed.includes(req.method)) return done();
    reply.code(405).header('allow', allowed.join(', ')).send({ statusCode: 405, error: 'method_not_allowed', message: `${path} answers ${allowed.join(', ')}` });
  };
}
