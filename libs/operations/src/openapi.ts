import { Injectable, Module } from '@nestjs/common';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { int, obj, OPENAPI_SCHEMAS, str } from '@trm/auth';
import type { Schema } from '@trm/auth';
import { RuntimeModule } from '@trm/runtime';
import type { Runtime } from '@trm/runtime';

/**
 * The OpenAPI 3.1 document of CONTRACT.md §2, generated from the code: the routes Nest serves, the
 * @nestjs/swagger decorators on their controllers (whose parameter schemas sit beside the parsers
 * that check them), the answers of the key check (`Roles`), and the component schemas each
 * controller names (`ApiSchemas`). Served at /v1/openapi.json for the routes of the process that
 * serves it; the whole server's is committed as docs/openapi.json (scripts/openapi/generate.ts)
 * and a test fails when it drifts.
 */
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

/** The body of every error answer (DomainExceptionFilter). */
const ERROR_SCHEMA = obj({ statusCode: int(), error: str({ pattern: '^[a-z][a-z0-9_]*$' }), message: {} }, ['statusCode', 'error']);

export function openApiDocument(app: INestApplication): OpenApiDocument {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('TRM Monitor API')
    .setVersion('1.0.0')
    .setDescription('Monitoring and evaluation of the Transnational Referral Mechanism: submit SOP-measure events, read compliance and gap indicators, audit.')
    .addServer('/')
    .addSecurity('bearer', { type: 'http', scheme: 'bearer' })
    .addSecurityRequirements('bearer')
    .build();
  const doc = SwaggerModule.createDocument(app, config) as unknown as OpenApiDocument & { components: { schemas?: Record<string, Schema> } };
  doc.components.schemas = { Error: ERROR_SCHEMA, ...componentSchemas(app) };
  delete (doc.info as { contact?: unknown }).contact;
  // Plain JSON (no undefined members): what is served is what is committed.
  return JSON.parse(JSON.stringify(doc)) as OpenApiDocument;
}

/** The schemas the app's controllers name with `ApiSchemas`; one name, one schema. */
function componentSchemas(app: INestApplication): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const module of app.get(ModulesContainer, { strict: false }).values()) {
    for (const { metatype } of module.controllers.values()) {
      const schemas = (metatype && Reflect.getMetadata(OPENAPI_SCHEMAS, metatype)) as Record<string, Schema> | undefined;
      for (const [name, schema] of Object.entries(schemas ?? {})) {
        if (out[name] && JSON.stringify(out[name]) !== JSON.stringify(schema)) {
          throw new Error(`OpenAPI component ${name} is defined twice, differently (${metatype!.name})`);
        }
        out[name] = schema;
      }
    }
  }
  return out;
}

/**
 * The document of a set of feature modules without starting anything: Nest's preview mode builds
 * the module graph and the routes but instantiates no provider, so no store, warehouse or key is
 * needed (scripts/openapi/generate.ts and the drift test).
 */
export async function generateOpenApiDocument(features: (Type | DynamicModule)[]): Promise<OpenApiDocument> {
  @Module({ imports: [RuntimeModule.forRuntime({} as Runtime), ...features] })
  class DocumentModule {}
  const app = await NestFactory.create(DocumentModule, new FastifyAdapter(), { preview: true, logger: false });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The document this process serves, set once its routes are known (createHttpApp). */
@Injectable()
export class OpenApiDocumentHolder {
  document: OpenApiDocument = { paths: {} };
}

/** Path templates of the document as patterns, with their methods: for 405 answers to other methods. */
export function documentedRoutes(doc: OpenApiDocument): { pattern: RegExp; methods: string[] }[] {
  return Object.entries(doc.paths).map(([path, ops]) => ({
    pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    methods: Object.keys(ops).map((m) => m.toUpperCase()),
  }));
}
