import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who is asking, as the gateway resolved it once per request: the holder of API_TOKEN (admin), a
 * signed-in listener, who reaches only their own account, or nobody (the public routes: login,
 * callback, a share link's data).
 */
export type Principal = { role: 'admin' } | { role: 'listener'; accountId: string } | { role: 'anonymous' };

/**
 * The trusted internal header the gateway writes (after dropping any copy a client sent). Services
 * answer only the gateway and their peers (the internal token), so its value is the gateway's.
 */
export const PRINCIPAL_HEADER = 'x-rewind-principal';

export const ADMIN: Principal = Object.freeze({ role: 'admin' });
export const ANONYMOUS: Principal = Object.freeze({ role: 'anonymous' });

const LISTENER = /^listener:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function formatPrincipal(principal: Principal): string {
  return principal.role === 'listener' ? `listener:${principal.accountId}` : principal.role;
}

/** Null for anything that is not a value formatPrincipal writes. */
export function parsePrincipal(value: string): Principal | null {
  if (value === 'admin') return ADMIN;
  if (value === 'anonymous') return ANONYMOUS;
  const match = LISTENER.exec(value);
  return match ? { role: 'listener', accountId: match[1] } : null;
}

/**
 * The principal of a request. Without the header the caller is a peer service or the gateway on
 * the admin's behalf (both hold the internal token): full access, as before there were listeners.
 * A header that does not parse is refused by the caller (AccessGuard), never widened to admin.
 */
export function principalFromHeaders(headers: IncomingHttpHeaders): Principal | null {
  const value = headers[PRINCIPAL_HEADER];
  if (value === undefined) return ADMIN;
  return typeof value === 'string' ? parsePrincipal(value) : null;
}
