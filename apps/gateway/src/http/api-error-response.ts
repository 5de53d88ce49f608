import type { ServerResponse } from 'node:http';
import type { ApiErrorBody } from '@rewind/service-kit';

/**
 * Ends a response with the contract's error shape using plain node calls, so it works without Express.
 * A response already under way cannot change its status any more: it is cut off instead.
 */
export function sendApiError(res: ServerResponse, body: ApiErrorBody): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const json = JSON.stringify(body);
  res.statusCode = body.statusCode;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
