import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { toApiError } from '@rewind/service-kit';
import type { Request, Response } from 'express';
import { LoginFailed } from './login.service';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function loginErrorPage(title: string, message: string, status: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rewind – ${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#191414}h1{font-size:1.4rem}a{color:#1db954}small{color:#666}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/">Back to Rewind</a> · <a href="/api/auth/login">Connect Spotify again</a></p>
<p><small>HTTP ${status}</small></p>
</body></html>`;
}

/**
 * Login and callback are opened by a browser: failures end on a readable page, or on the
 * contract's JSON error when the client asks for JSON. Never a stack trace, never a secret.
 */
@Catch()
export class LoginErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('LoginErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const body = toApiError(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const title = exception instanceof LoginFailed ? exception.title : exception instanceof HttpException ? body.error : 'Login failed';
    if (res.headersSent) return;
    res.status(body.statusCode);
    if (req.accepts(['html', 'json']) === 'json') res.json(body);
    else res.type('html').send(loginErrorPage(title, body.message, body.statusCode));
  }
}
