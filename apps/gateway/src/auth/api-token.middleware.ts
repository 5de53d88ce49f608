import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { secretsEqual, UNAUTHENTICATED_PATHS } from '@rewind/service-kit';
import { sendApiError } from '../http/api-error-response';

/** Query parameters that look like credentials: tokens in URLs end up in logs and history. */
const TOKEN_QUERY_PARAMS = ['access_token', 'api_token', 'token', 'apiToken'];

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

function unauthorized(res: ServerResponse, message: string): false {
  res.setHeader('WWW-Authenticate', 'Bearer realm="rewind"');
  sendApiError(res, { statusCode: 401, error: 'Unauthorized', message });
  return false;
}

/** Answers a refused request itself and returns false; true lets it through. */
export type ApiTokenCheck = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Every /api/** route except login, callback and health needs `Authorization: Bearer $API_TOKEN`.
 * Plain node calls only: the proxy path runs it on node requests, the Nest middleware on Express ones.
 */
export function apiTokenCheck(apiToken: string): ApiTokenCheck {
  return (req, res) => {
    // Express keeps the URL as received in originalUrl; a plain node request only has url.
    const url = (req as Partial<Request>).originalUrl ?? req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    if (hasDotSegments(path)) {
      sendApiError(res, { statusCode: 400, error: 'Bad Request', message: 'The path must not contain "." or ".." segments' });
      return false;
    }
    if (UNAUTHENTICATED_PATHS.includes(path)) return true;
    const query = queryAt < 0 ? null : new URLSearchParams(url.slice(queryAt + 1));
    if (query && TOKEN_QUERY_PARAMS.some((p) => query.has(p))) {
      return unauthorized(res, 'Tokens are not accepted in the query string; send Authorization: Bearer <API_TOKEN>');
    }
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) return unauthorized(res, 'Missing Authorization: Bearer <API_TOKEN> header');
    if (!secretsEqual(match[1], apiToken)) return unauthorized(res, 'Invalid API token');
    return true;
  };
}

export function apiTokenMiddleware(check: ApiTokenCheck) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (check(req, res)) next();
  };
}
