import { applyDecorators, createParamDecorator, SetMetadata } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { ApiKey, Role } from './keys';
import { ApiKeyed } from './openapi';

export const ROLES_KEY = 'trm:roles';
export const PUBLIC_KEY = 'trm:public';

/**
 * Roles allowed on a route; every route under /v1 names its roles (deny by default). Its OpenAPI
 * operation gets the answers of the key check (401, 403, 429) from here.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiKeyed());
/** A route anyone may call (only /health and the dashboards' static pages). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest {
  apiKey?: ApiKey;
}

export const CurrentKey = createParamDecorator((_: unknown, ctx: ExecutionContext): ApiKey => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().apiKey!;
});
