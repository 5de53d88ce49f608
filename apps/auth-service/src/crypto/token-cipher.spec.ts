import { randomBytes } from 'node:crypto';
import { decodeKey } from '../config/auth.config';
import { keyIdOf, TokenCipher, TokenDecryptionError } from './token-cipher';

describe('TokenCipher (AES-256-GCM)', () => {
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);

  it('round-trips and never contains the plaintext', () => {
    const cipher = new TokenCipher(keyA);
    const secret = 'AQD-refresh-token-' + 'x'.repeat(100);
    const sealed = cipher.seal(secret);
    expect(sealed.keyId).toBe(keyIdOf(keyA));
    expect(sealed.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(sealed.ciphertext.toString('latin1')).not.toContain('refresh-token');
    expect(cipher.open(sealed.ciphertext, sealed.keyId)).toBe(secret);
  });

  it('uses a fresh IV every time', () => {
    const cipher = new TokenCipher(keyA);
    expect(cipher.seal('same').ciphertext.equals(cipher.seal('same').ciphertext)).toBe(false);
  });

  it('detects tampering', () => {
    const cipher = new TokenCipher(keyA);
    const sealed = cipher.seal('token');
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[tampered.length - 1] ^= 1;
    expect(() => cipher.open(tampered, sealed.keyId)).toThrow(TokenDecryptionError);
    expect(() => cipher.open(sealed.ciphertext.subarray(0, 10), sealed.keyId)).toThrow(/malformed/);
  });

  it('refuses a ciphertext relabelled with another key id', () => {
    const both = new TokenCipher(keyA, [keyB]);
    const sealed = new TokenCipher(keyB).seal('token');
    expect(() => both.open(sealed.ciphertext, keyIdOf(keyA))).toThrow(TokenDecryptionError);
  });

  it('opens values sealed under the previous key and seals under the current one', () => {
    const old = new TokenCipher(keyA).seal('token');
    const rotating = new TokenCipher(keyB, [keyA]);
    expect(rotating.open(old.ciphertext, old.keyId)).toBe('token');
    const resealed = rotating.reseal(old.ciphertext, old.keyId);
    expect(resealed.keyId).toBe(keyIdOf(keyB));
    expect(new TokenCipher(keyB).open(resealed.ciphertext, resealed.keyId)).toBe('token');
  });

  it('names the missing key id, never a key', () => {
    const sealed = new TokenCipher(keyA).seal('token');
    let error: Error | undefined;
    try {
      new TokenCipher(keyB).open(sealed.ciphertext, sealed.keyId);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(keyIdOf(keyA));
    expect(error?.message).toContain('TOKEN_ENCRYPTION_KEY_PREVIOUS');
    expect(error?.message).not.toContain(keyA.toString('base64'));
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new TokenCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('decodeKey', () => {
  it('accepts 32 bytes of base64 or base64url', () => {
    const key = randomBytes(32);
    expect(decodeKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(decodeKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(decodeKey(`${key.toString('base64')}\n`)?.equals(key)).toBe(true);
  });

  it('rejects other lengths and non-base64', () => {
    expect(decodeKey(randomBytes(16).toString('base64'))).toBeNull();
    expect(decodeKey(randomBytes(33).toString('base64'))).toBeNull();
    expect(decodeKey('not a key at all!')).toBeNull();
    expect(decodeKey('')).toBeNull();
  });
});
