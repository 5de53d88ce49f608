import type { ServerResponse } from 'node:http';
import type { ApiErrorBody } from '@rewind/service-kit';

/** Ends a response with the contract's error shape using plain node calls, so it works without Express. */
export function sendApiError(res: ServerResponse, body: ApiErrorBody): void {
  const json = JSON.stringify(body);
  res.statusCode = body.statusCode;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
