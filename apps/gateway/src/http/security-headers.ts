import helmet, { HelmetOptions } from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

export const HELMET_OPTIONS: HelmetOptions = { contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https:'] } } };

/** Keeps the casing helmet gives header names (getHeaderNames() lower-cases them). */
class RecordingResponse extends ServerResponse {
  readonly names = new Set<string>();

  override setHeader(name: string, value: number | string | readonly string[]): this {
    this.names.add(name);
    return super.setHeader(name, value);
  }
}

/** Flat name, value list. */
export type SecurityHeaders = string[];

/**
 * The headers helmet sets, captured once from a throwaway response. With options that hold no
 * per-request values (no CSP nonce functions) they are the same for every response, so the proxy
 * path sets this list instead of running helmet's middlewares per request.
 */
export function helmetHeaders(options: HelmetOptions): SecurityHeaders {
  const res = new RecordingResponse(new IncomingMessage(new Socket()));
  let done = false;
  helmet(options)(res.req, res, (error) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously; its headers cannot be captured once');
  return [...res.names].filter((name) => res.hasHeader(name)).flatMap((name) => [name, String(res.getHeader(name))]);
}
