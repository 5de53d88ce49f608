/**
 * Names of query parameters and fields that carry credentials, whatever their case or separator:
 * token, api_token, apiToken, access_token, refresh_token, id_token, key, api-key, secret,
 * client_secret, password, passwd, code, code_verifier, state, session, signature, auth, ...
 * A few harmless names that end the same way ("monkey") are hidden too: a log line loses little.
 */
const CREDENTIAL_NAME =
  /(token|key|secret|password|passwd|pwd|code|verifier|state|session|signature|sig|auth|authorization|credentials?|jwt|bearer|cookie)$/;

/** True for a parameter name that looks like it carries a credential (case-insensitive). */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

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

const REDACTED = '[REDACTED]';

/** "/cb?code=abc&x=1" → "/cb?code=[REDACTED]&x=1"; a query that does not parse is dropped whole. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(url.slice(q + 1));
  } catch {
    return `${url.slice(0, q)}?${REDACTED}`;
  }
  let changed = false;
  for (const key of new Set(params.keys())) {
    if (!isCredentialName(key)) continue;
    params.set(key, REDACTED);
    changed = true;
  }
  if (!changed) return url;
  return `${url.slice(0, q)}?${params.toString().replace(/%5BREDACTED%5D/g, REDACTED)}`;
}
