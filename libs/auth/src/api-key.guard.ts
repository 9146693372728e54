import { Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@trm/domain';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { AuthenticatedRequest } from './auth.decorators';
import type { Role } from './keys';

/**
 * Role check on every route. The key itself is resolved earlier, in a Fastify onRequest hook
 * (`bearerAuthHook`), so an unauthenticated upload is refused with 401 before its body is read.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const key = context.switchToHttp().getRequest<AuthenticatedRequest>().apiKey;
    if (!key) throw new DomainError('unauthorized', 'missing or unknown API key');
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(key.role)) throw new DomainError('forbidden', `role ${key.role} may not use this endpoint`);
    return true;
  }
}
