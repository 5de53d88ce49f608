import { isCredentialName, redactUrl, REDACTED_PATHS } from './redact';

describe('log redaction', () => {
  it('hides credentials in query strings and keeps the rest', () => {
    expect(redactUrl('/api/auth/callback?code=AQD-secret&state=s3cr3t&x=1')).toBe(
      '/api/auth/callback?code=[REDACTED]&state=[REDACTED]&x=1',
    );
    expect(redactUrl('/api/stats/summary?from=2026-01-01')).toBe('/api/stats/summary?from=2026-01-01');
    expect(redactUrl('/health/ready')).toBe('/health/ready');
  });

  it('recognises credential names in any case and spelling', () => {
    for (const name of [
      'token',
      'TOKEN',
      'api_token',
      'apiToken',
      'Access-Token',
      'refresh_token',
      'key',
      'API_KEY',
      'secret',
      'client_secret',
    ])
      expect(isCredentialName(name)).toBe(true);
    for (const name of ['password', 'Passwd', 'code', 'code_verifier', 'state', 'sessionId'.replace('Id', ''), 'sig', 'signature'])
      expect(isCredentialName(name)).toBe(true);
    for (const name of ['from', 'to', 'tz', 'by', 'limit', 'accountId', 'bucket', 'year', 'purge', 'status'])
      expect(isCredentialName(name)).toBe(false);
    expect(redactUrl('/api/stats/top?TOKEN=abc&Api_Token=def&limit=5&token=ghi')).toBe(
      '/api/stats/top?TOKEN=[REDACTED]&Api_Token=[REDACTED]&limit=5&token=[REDACTED]',
    );
  });

  it('covers the authorization header and token fields', () => {
    expect(REDACTED_PATHS).toEqual(
      expect.arrayContaining(['req.headers.authorization', 'req.headers["x-internal-token"]', '*.refreshToken', '*.accessToken']),
    );
  });
});
