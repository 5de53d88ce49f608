import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/** PostgreSQL error classes that mean "the value you sent is not valid", never a server fault. */
const BAD_INPUT_SQLSTATES = new Set(['22P02', '22007', '22008', '22003', '22001', '22021', '22023']);
/** Connection-level failures: the database is unavailable, the request may be retried. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

function errorName(status: number): string {
  return (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

function messageOf(response: unknown, fallback: string): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown })?.message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return fallback;
}

/** Maps anything thrown to the contract's `{ statusCode, error, message }`; 5xx never leak internals. */
export function toApiError(exception: unknown): ApiErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Express maps an unparsable JSON body (SyntaxError) and a bad %-escape in the path (URIError) to 400s.
    if (exception.cause instanceof SyntaxError)
      return { statusCode: 400, error: 'Bad Request', message: `Request body is not valid JSON: ${exception.cause.message}` };
    if (exception.cause instanceof URIError)
      return { statusCode: 400, error: 'Bad Request', message: 'The URL has an invalid percent-encoding' };
    return { statusCode: status, error: errorName(status), message: messageOf(exception.getResponse(), exception.message) };
  }
  const err = exception as { status?: number; statusCode?: number; type?: string; code?: string; message?: string };
  // body-parser and multer errors carry their own 4xx status (malformed JSON, body too large, ...).
  const status = err?.statusCode ?? err?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = err.type === 'entity.parse.failed' ? 'Request body is not valid JSON' : (err.message ?? errorName(status));
    return { statusCode: status, error: errorName(status), message };
  }
  const code = (exception instanceof QueryFailedError ? (exception.driverError as { code?: string })?.code : err?.code) ?? '';
  if (BAD_INPUT_SQLSTATES.has(code)) {
    return { statusCode: 400, error: 'Bad Request', message: 'A parameter has a value of the wrong type or out of range' };
  }
  if (
    UNAVAILABLE_CODES.has(code) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(err?.message ?? '')
  ) {
    return { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; try again shortly' };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' };
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toApiError(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}
