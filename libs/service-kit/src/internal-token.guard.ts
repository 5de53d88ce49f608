import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

/** Compares secrets in constant time (hashing first makes lengths equal). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Guards service-to-service routes; the gateway never forwards them. */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  constructor(private readonly internalToken: string) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const given = req.headers[INTERNAL_TOKEN_HEADER];
    if (typeof given !== 'string' || !secretsEqual(given, this.internalToken)) {
      throw new UnauthorizedException('Internal token missing or wrong');
    }
    return true;
  }
}
