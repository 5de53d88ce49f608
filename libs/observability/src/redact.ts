/** Query parameters and body fields that carry credentials; their values never reach a log line. */
const SECRET_QUERY_PARAMS = ['code', 'state', 'access_token', 'refresh_token', 'token', 'code_verifier', 'client_secret'];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-internal-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.refreshToken',
  '*.accessToken',
  '*.refresh_token',
  '*.access_token',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
];

/** "/cb?code=abc&x=1" → "/cb?code=[REDACTED]&x=1" */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY_PARAMS.includes(key.toLowerCase())) params.set(key, '[REDACTED]');
  }
  return `${url.slice(0, q)}?${params.toString().replace(/%5BREDACTED%5D/g, '[REDACTED]')}`;
}
