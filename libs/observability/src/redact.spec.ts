import { redactUrl, REDACTED_PATHS } from './redact';

describe('log redaction', () => {
  it('hides credentials in query strings and keeps the rest', () => {
    expect(redactUrl('/api/auth/callback?code=AQD-secret&state=s3cr3t&x=1')).toBe(
      '/api/auth/callback?code=[REDACTED]&state=[REDACTED]&x=1',
    );
    expect(redactUrl('/api/stats/summary?from=2026-01-01')).toBe('/api/stats/summary?from=2026-01-01');
    expect(redactUrl('/health/ready')).toBe('/health/ready');
  });

  it('covers the authorization header and token fields', () => {
    expect(REDACTED_PATHS).toEqual(
      expect.arrayContaining(['req.headers.authorization', 'req.headers["x-internal-token"]', '*.refreshToken', '*.accessToken']),
    );
  });
});
