import type { NextFunction, Request, Response } from 'express';
import { secretsEqual, UNAUTHENTICATED_PATHS } from '@rewind/service-kit';

/** Query parameters that look like credentials: tokens in URLs end up in logs and history. */
const TOKEN_QUERY_PARAMS = ['access_token', 'api_token', 'token', 'apiToken'];

/** "/a/../b", "/a/./b" and their percent-encoded forms: a way to reach paths the gateway must not forward. */
export function hasDotSegments(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return decoded.split(/[/\\]/).some((segment) => segment === '..' || segment === '.');
}

function unauthorized(res: Response, message: string): void {
  res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="rewind"').json({ statusCode: 401, error: 'Unauthorized', message });
}

/** Every /api/** route except login, callback and health needs `Authorization: Bearer $API_TOKEN`. */
export function apiTokenMiddleware(apiToken: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path;
    const rawPath = req.originalUrl.split('?')[0];
    if (hasDotSegments(rawPath)) {
      res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'The path must not contain "." or ".." segments' });
      return;
    }
    if (UNAUTHENTICATED_PATHS.includes(path)) return next();
    const query = req.url.includes('?') ? new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1)) : null;
    if (query && TOKEN_QUERY_PARAMS.some((p) => query.has(p))) {
      return unauthorized(res, 'Tokens are not accepted in the query string; send Authorization: Bearer <API_TOKEN>');
    }
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) return unauthorized(res, 'Missing Authorization: Bearer <API_TOKEN> header');
    if (!secretsEqual(match[1], apiToken)) return unauthorized(res, 'Invalid API token');
    next();
  };
}
