import { loadEnv } from '@rewind/config';
import { randomBytes } from 'node:crypto';
import { authEnv } from './auth.config';

const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', INTERNAL_TOKEN: 'x'.repeat(32) };

describe('auth-service configuration', () => {
  it('requires TOKEN_ENCRYPTION_KEY and names it', () => {
    expect(() => loadEnv(authEnv, base)).toThrow(/TOKEN_ENCRYPTION_KEY: is required/);
  });

  it('explains a malformed key without echoing it', () => {
    const bad = randomBytes(16).toString('base64');
    let message = '';
    try {
      loadEnv(authEnv, { ...base, TOKEN_ENCRYPTION_KEY: bad, TOKEN_ENCRYPTION_KEY_PREVIOUS: 'nope' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/TOKEN_ENCRYPTION_KEY: must be 32 random bytes, base64-encoded/);
    expect(message).toMatch(/TOKEN_ENCRYPTION_KEY_PREVIOUS: must be 32 random bytes/);
    expect(message).not.toContain(bad);
  });

  it('applies defaults', () => {
    const env = loadEnv(authEnv, { ...base, TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    expect(env).toMatchObject({
      PORT: 3001,
      ACCOUNT_LIMIT: 5,
      SPOTIFY_ACCOUNTS_URL: 'https://accounts.spotify.com',
      LOGIN_SUCCESS_REDIRECT: '/',
    });
    expect(env.SPOTIFY_CLIENT_ID).toBeUndefined();
  });
});
