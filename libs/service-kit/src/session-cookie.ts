import type { IncomingHttpHeaders } from 'node:http';

/** The cookie of a listener's session: httpOnly, SameSite=Lax, Secure under https (set by auth-service). */
export const SESSION_COOKIE = 'rewind_session';

/** A session id as auth-service issues it: 32 random bytes, base64url. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The session id a request's Cookie header carries, or null (absent or not one auth-service could have issued). */
export function sessionIdOf(headers: IncomingHttpHeaders): string | null {
  const header = headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(at + 1).trim();
    return SESSION_ID.test(value) ? value : null;
  }
  return null;
}
