/**
 * Spotify accepts https redirect URIs, or http on a loopback IP literal
 * (`http://127.0.0.1:PORT/...`, `http://[::1]:PORT/...`). `localhost` is refused.
 */
export function redirectUriProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return 'not a URL';
  const url = new URL(value);
  if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost'))
    return 'localhost is not allowed as redirect URI; use a loopback IP literal (127.0.0.1 or [::1])';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]')) return undefined;
  return 'insecure redirect URI: use https, or http on a loopback IP literal';
}
