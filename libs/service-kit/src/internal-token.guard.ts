import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

/** Compares secrets in constant time (hashing first makes lengths equal). */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digestOf(given), expectedDigest(expected));
}

const digestOf = (secret: string) => createHash('sha256').update(secret).digest();
/** Digests of the configured secrets (a process holds a handful), so each check hashes only what it was given. */
const expectedDigests = new Map<string, Buffer>();
function expectedDigest(expected: string): Buffer {
  let digest = expectedDigests.get(expected);
  if (!digest) {
    digest = digestOf(expected);
    if (expectedDigests.size < 16) expectedDigests.set(expected, digest);
  }
  return digest;
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
