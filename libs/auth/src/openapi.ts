import { applyDecorators } from '@nestjs/common';
import { ApiQuery, ApiResponse } from '@nestjs/swagger';

/**
 * Building blocks of the generated OpenAPI document (libs/operations/src/openapi.ts): controllers
 * describe their operations with @nestjs/swagger decorators, using these schema helpers and the
 * same patterns their parsers check; `ApiSchemas` names the component schemas they refer to.
 */
export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: Schema) => ({ 'application/json': { schema } });
export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
export const bool = (extra: Schema = {}): Schema => ({ type: 'boolean', ...extra });
export const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', properties, required });
export const arr = (items: Schema): Schema => ({ type: 'array', items });

/** Metadata key of a controller's component schemas (collected into `components.schemas`). */
export const OPENAPI_SCHEMAS = 'trm:openapi-schemas';

/** Component schemas a controller's operations refer to with `ref(name)`. */
export function ApiSchemas(schemas: Record<string, Schema>): ClassDecorator {
  return (target) => {
    const earlier = (Reflect.getMetadata(OPENAPI_SCHEMAS, target) ?? {}) as Record<string, Schema>;
    Reflect.defineMetadata(OPENAPI_SCHEMAS, { ...earlier, ...schemas }, target);
  };
}

/** A 200 answer (JSON unless another media type is named). */
export const ApiOk = (description: string, schema: Schema, mediaType = 'application/json') =>
  ApiResponse({ status: 200, description, content: { [mediaType]: { schema } } });

/** Error answers `{ statusCode, error, message }` (the `Error` component, from the exception filter), by status. */
export function ApiErrors(errors: Record<number, string>): MethodDecorator & ClassDecorator {
  return applyDecorators(...Object.entries(errors).map(([status, description]) =>
    ApiResponse({ status: Number(status), description, content: json(ref('Error')) })));
}

/** What every keyed operation may answer besides its own (the key check, the role check, the rate limit). */
export const ApiKeyed = (): MethodDecorator & ClassDecorator => applyDecorators(
  ApiErrors({ 401: 'No key, or an unknown one', 403: 'The key\'s role may not use this endpoint, or a country is outside its scope' }),
  ApiResponse({
    status: 429, description: 'Past the key\'s rate limit for a minute', content: json(ref('Error')),
    headers: { 'Retry-After': { schema: int(), description: 'Seconds until the window resets' } },
  }),
);

/** The 400 of every operation that checks parameters or a body (the code says which check). */
export const REFUSED = { 400: 'A parameter or body that is refused, with its code (for managers also period_not_aligned: from/to not on the first of a month)' };
/** Path parameters are capped by the router (maxParamLength). */
export const URI_TOO_LONG = { 414: 'A path segment over 1,000 characters' };

/** A query parameter as the document states it (never required: every one has a default). */
export interface QueryParam {
  name: string;
  schema: Schema;
  description?: string;
  style?: 'form';
  explode?: boolean;
}

/** Query parameters of an operation, in the order given. */
export const ApiQueries = (params: QueryParam[]): MethodDecorator & ClassDecorator =>
  applyDecorators(...params.map((p) => ApiQuery({ required: false, ...p })));
