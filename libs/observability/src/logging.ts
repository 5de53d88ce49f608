import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import { REDACTED_PATHS, redactUrl } from './redact';

export const REQUEST_ID_HEADER = 'x-request-id';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a sane incoming request id (so one id follows a request through the gateway), else makes one and puts it on the request. */
export function incomingRequestId(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  if (typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)) return incoming;
  const id = randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  return id;
}

/** The request's id (see incomingRequestId), also sent back with the response. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const id = incomingRequestId(req);
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

export interface LoggingOptions {
  service: string;
  level: string;
}

/** Structured JSON logs with a request id on every line and secrets redacted. */
export function loggerParams({ service, level }: LoggingOptions): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      genReqId: requestIdFor,
      customAttributeKeys: { reqId: 'requestId' },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
