import { SESSION_COOKIE } from '@rewind/service-kit';
import type { CookieOptions, Request, Response } from 'express';
import type { AuthServiceConfig } from '../config/auth.config';
import type { OpenedSession } from './sessions.service';

/** Served over https: the public redirect URI says so, or the proxy in front of the gateway did. */
function overHttps(req: Request, config: Pick<AuthServiceConfig, 'SPOTIFY_REDIRECT_URI'>): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim().toLowerCase();
  return first === 'https' || config.SPOTIFY_REDIRECT_URI.toLowerCase().startsWith('https:');
}

function options(req: Request, config: Pick<AuthServiceConfig, 'SPOTIFY_REDIRECT_URI'>): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: overHttps(req, config), path: '/' };
}

export function setSessionCookie(
  req: Request,
  res: Response,
  session: OpenedSession,
  config: Pick<AuthServiceConfig, 'SPOTIFY_REDIRECT_URI'>,
): void {
  res.cookie(SESSION_COOKIE, session.sessionId, { ...options(req, config), expires: session.expiresAt });
}

export function clearSessionCookie(req: Request, res: Response, config: Pick<AuthServiceConfig, 'SPOTIFY_REDIRECT_URI'>): void {
  res.clearCookie(SESSION_COOKIE, options(req, config));
}
