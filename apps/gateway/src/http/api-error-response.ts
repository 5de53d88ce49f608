import type { ServerResponse } from 'node:http';
import type { ApiErrorBody } from '@rewind/service-kit';

/** An answer the gateway gives itself instead of passing a request on: the error and the headers that go with it. */
export interface Refusal {
  body: ApiErrorBody;
  /** Flat name, value list. */
  headers: string[];
}

/** The lower-cased names of a flat name, value list. */
export function headerNames(headers: readonly string[]): string[] {
  return headers.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
}

export function setHeaderList(res: ServerResponse, headers: readonly string[]): void {
  for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
}

/**
 * Ends a response with the contract's error shape (and `headers`, a flat name, value list) using plain
 * node calls, so it works without Express.
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
