import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ADMIN, Principal, PRINCIPAL_HEADER, principalFromHeaders } from './principal';

/** Where an account-scoped route reads the account id a listener may only set to their own. */
export type AccountIdSource = { query: string } | { param: string } | { body: string };

/**
 * How a route treats a listener (the admin reaches every route; nobody else reaches any but the
 * public ones, 401):
 * - admin: 403 (the default of a route that declares nothing, so a new route is closed to listeners);
 * - account: the account id at `from` must be the listener's own (404 otherwise, its existence not
 *   revealed); when absent it becomes theirs, so the route answers for their account alone;
 * - own: the handler limits the answer itself, with the principal (@CurrentPrincipal), e.g. a
 *   resource looked up by its own id, or a list;
 * - signedIn: the admin or any listener (their own session);
 * - public: anyone, signed in or not (login, callback, a share link's data).
 */
export type RouteAccess =
  { kind: 'admin' } | { kind: 'account'; from: AccountIdSource } | { kind: 'own' } | { kind: 'signedIn' } | { kind: 'public' };

export const ACCESS_METADATA = 'rewind:access';

export const Access = {
  admin: () => SetMetadata(ACCESS_METADATA, { kind: 'admin' } satisfies RouteAccess),
  account: (from: AccountIdSource) => SetMetadata(ACCESS_METADATA, { kind: 'account', from } satisfies RouteAccess),
  own: () => SetMetadata(ACCESS_METADATA, { kind: 'own' } satisfies RouteAccess),
  signedIn: () => SetMetadata(ACCESS_METADATA, { kind: 'signedIn' } satisfies RouteAccess),
  public: () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies RouteAccess),
};

const PRINCIPAL = Symbol('rewind:principal');
type WithPrincipal = Request & { [PRINCIPAL]?: Principal };

/** The principal AccessGuard resolved for this request. */
export function principalOf(req: Request): Principal {
  return (req as WithPrincipal)[PRINCIPAL] ?? ADMIN;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext) =>
  principalOf(context.switchToHttp().getRequest<Request>()),
);

/** The 404 a listener gets for another account's resource: the same as for one that does not exist. */
export function notYours(what: string, id: string): NotFoundException {
  return new NotFoundException(`No ${what} with id ${id}`);
}

/** Throws notYours unless the principal may see a resource of `accountId`. */
export function assertOwnedBy(principal: Principal, accountId: string | null, what: string, id: string): void {
  if (principal.role === 'listener' && principal.accountId !== accountId?.toLowerCase()) throw notYours(what, id);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Applies each route's RouteAccess to the request's principal; registered globally by configureServiceApp. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<WithPrincipal>();
    const principal = principalFromHeaders(req.headers);
    if (!principal) throw new UnauthorizedException(`${PRINCIPAL_HEADER} is not a principal the gateway writes`);
    req[PRINCIPAL] = principal;
    if (principal.role === 'admin') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (access?.kind === 'public') return true;
    if (principal.role === 'anonymous') throw new UnauthorizedException('Sign in with Spotify, or send Authorization: Bearer <API_TOKEN>');
    switch (access?.kind) {
      case 'signedIn':
      case 'own':
        return true;
      case 'account':
        scopeAccountId(req, access.from, principal.accountId);
        return true;
      default:
        throw new ForbiddenException('Only the admin (API_TOKEN) can use this route');
    }
  }
}

/** Checks, or fills in, the account id a listener's request names. */
function scopeAccountId(req: Request, from: AccountIdSource, own: string): void {
  const source = sourceOf(req, from);
  if (!source) return;
  const [holder, name, replace] = source;
  const given = holder?.[name];
  if (given === undefined || given === null || given === '') return replace({ ...holder, [name]: own });
  // Anything but one UUID is left to the route's validation (a 400 naming the parameter).
  if (typeof given === 'string' && UUID.test(given.trim()) && given.trim().toLowerCase() !== own) throw notYours('account', given.trim());
}

type Holder = Record<string, unknown> | undefined;
type Source = [Holder, string, (next: Record<string, unknown>) => void];

/** Null when the request has no place for an account id (a body that is not an object: the route's 400). */
function sourceOf(req: Request, from: AccountIdSource): Source | null {
  if ('query' in from)
    // Express 5 parses req.query on every read: the scoped copy shadows that getter for this request.
    return [
      req.query as Holder,
      from.query,
      (next) => Object.defineProperty(req, 'query', { value: next, writable: true, configurable: true, enumerable: true }),
    ];
  if ('param' in from) return [req.params as Holder, from.param, (next) => (req.params = next as Request['params'])];
  const body: unknown = req.body;
  if (body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body)))
    return [(body ?? undefined) as Holder, from.body, (next) => (req.body = next)];
  return null;
}
