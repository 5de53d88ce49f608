import { ConfigError, commonEnv, loadEnv, port, spotifyEnv } from './index';

const valid = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', INTERNAL_TOKEN: 'x'.repeat(32) };

describe('loadEnv', () => {
  it('applies defaults and coerces numbers', () => {
    const env = loadEnv({ ...commonEnv, PORT: port(3004) }, { ...valid });
    expect(env).toMatchObject({ HOST: '127.0.0.1', LOG_LEVEL: 'info', PORT: 3004 });
  });

  it('names every bad variable without echoing its value', () => {
    let error: unknown;
    try {
      loadEnv({ ...commonEnv, PORT: port(3004) }, { DATABASE_URL: 'mysql://secret-password@h/db', PORT: '99999', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(message).toMatch(/INTERNAL_TOKEN: is required/);
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/LOG_LEVEL:/);
    expect(message).not.toContain('secret-password');
  });

  it('treats empty strings as unset', () => {
    expect(() => loadEnv(commonEnv, { ...valid, INTERNAL_TOKEN: '' })).toThrow(/INTERNAL_TOKEN: is required/);
  });

  it('accepts only redirect URIs Spotify accepts', () => {
    const ok = ['http://127.0.0.1:3000/api/auth/callback', 'http://[::1]:8080/cb', 'https://rewind.example.org/api/auth/callback'];
    for (const uri of ok) expect(loadEnv(spotifyEnv, { SPOTIFY_REDIRECT_URI: uri }).SPOTIFY_REDIRECT_URI).toBe(uri);
    for (const uri of ['http://localhost:3000/cb', 'http://192.168.1.2/cb', 'ftp://127.0.0.1/cb', 'nonsense']) {
      expect(() => loadEnv(spotifyEnv, { SPOTIFY_REDIRECT_URI: uri })).toThrow(/SPOTIFY_REDIRECT_URI: must be https/);
    }
  });
});
