import { z } from 'zod';

/** Spotify accepts https redirect URIs, or http on a loopback IP literal; `localhost` is refused. */
export function isAcceptableRedirectUri(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}

export const spotifyEnv = {
  SPOTIFY_CLIENT_ID: z.string().min(1).optional(),
  SPOTIFY_CLIENT_SECRET: z.string().min(1).optional(),
  SPOTIFY_REDIRECT_URI: z
    .string()
    .default('http://127.0.0.1:3000/api/auth/callback')
    .refine(isAcceptableRedirectUri, 'must be https, or http on a loopback IP literal (127.0.0.1 or [::1]); Spotify refuses localhost'),
  SPOTIFY_ACCOUNTS_URL: z.url().default('https://accounts.spotify.com'),
  SPOTIFY_API_URL: z.url().default('https://api.spotify.com/v1'),
};
