import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { isCredentialName } from '@rewind/observability';
import { isUnauthenticatedPath, queryKeyProblem, secretsEqual, UNAUTHENTICATED_PATHS } from '@rewind/service-kit';
import { Refusal } from '../http/api-error-response';

/** "/a/../b", "/a/./b" and their percent-encoded forms: a way to reach paths the gateway must not forward. */
export function hasDotSegments(rawPath: string): boolean {
  // Without "." or "%" nothing can decode to a dot segment: the common case skips the decoding.
  if (!/[.%]/.test(rawPath)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return decoded.split(/[/\\]/).some((segment) => segment === '..' || segment === '.');
}

function unauthorized(message: string): Refusal {
  return { body: { statusCode: 401, error: 'Unauthorized', message }, headers: ['WWW-Authenticate', 'Bearer realm="rewind"'] };
}

/** Null lets the request through. */
export type ApiTokenCheck = (req: IncomingMessage) => Refusal | null;

/**
 * Every /api/** route except login, callback and health needs `Authorization: Bearer $API_TOKEN`.
 * Plain node calls only: the gateway pipeline runs it ahead of Express.
 */
export function apiTokenCheck(apiToken: string): ApiTokenCheck {
  return (req) => {
    // Express keeps the URL as received in originalUrl; a plain node request only has url.
    const url = (req as Partial<Request>).originalUrl ?? req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    if (hasDotSegments(path))
      return { body: { statusCode: 400, error: 'Bad Request', message: 'The path must not contain "." or ".." segments' }, headers: [] };
    const keyProblem = queryKeyProblem(url);
    if (keyProblem) return { body: keyProblem, headers: [] };
    if (UNAUTHENTICATED_PATHS.includes(path)) return null;
    const query = queryAt < 0 ? null : new URLSearchParams(url.slice(queryAt + 1));
    // Credentials in URLs end up in logs and browser history: refused, whatever the name's case.
    if (query && [...query.keys()].some(isCredentialName)) {
      return unauthorized('Tokens are not accepted in the query string; send Authorization: Bearer <API_TOKEN>');
    }
    // A share link's data needs no token, but no credential in its URL either.
    if (isUnauthenticatedPath(path)) return null;
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) return unauthorized('Sign in with Spotify (GET /api/auth/login), or send an Authorization: Bearer <API_TOKEN> header');
    if (!secretsEqual(match[1], apiToken)) return unauthorized('Invalid API token');
    return null;
  };
}
