import type { ServerResponse } from 'node:http';
import type { ApiErrorBody } from './api-error.filter';

/** Sets a flat name, value list of headers. */
export function setHeaderList(res: ServerResponse, headers: readonly string[]): void {
  for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
}

/**
 * Ends a response with the contract's error shape (and `headers`, a flat name, value list) using
 * plain node calls, so it works ahead of Nest and Express (the gateway pipeline, the service guards).
 * A response already under way cannot change its status any more: it is cut off instead.
 */
export function sendApiError(res: ServerResponse, body: ApiErrorBody, headers: readonly string[] = []): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const json = JSON.stringify(body);
  setHeaderList(res, headers);
  res.statusCode = body.statusCode;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

export function badRequest(message: string): ApiErrorBody {
  return { statusCode: 400, error: 'Bad Request', message };
}
