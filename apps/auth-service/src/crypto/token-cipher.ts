import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Layout of a sealed value: version(1) | iv(12) | tag(16) | ciphertext. */
const VERSION = 1;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const HEADER_LENGTH = 1 + IV_LENGTH + TAG_LENGTH;

export interface Sealed {
  ciphertext: Buffer;
  keyId: string;
}

/** Thrown when a ciphertext cannot be opened; never carries key material or plaintext. */
export class TokenDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenDecryptionError';
  }
}

/** Public identifier of a key: the first 8 hex digits of SHA-256 over the raw key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM sealing of tokens at rest. New values are sealed under the current key;
 * values sealed under any known key (current or previous, by key id) can be opened, so a
 * rotation can run while the service keeps working.
 */
export class TokenCipher {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    for (const key of [currentKey, ...previousKeys]) {
      if (key.length !== 32) throw new Error('AES-256-GCM keys must be 32 bytes');
    }
    this.currentKeyId = keyIdOf(currentKey);
    this.keys.set(this.currentKeyId, Buffer.from(currentKey));
    for (const key of previousKeys) {
      const id = keyIdOf(key);
      if (!this.keys.has(id)) this.keys.set(id, Buffer.from(key));
    }
  }

  knows(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  seal(plaintext: string): Sealed {
    const key = this.keys.get(this.currentKeyId)!;
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(Buffer.from(this.currentKeyId, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return { ciphertext: Buffer.concat([Buffer.from([VERSION]), iv, tag, body]), keyId: this.currentKeyId };
  }

  open(ciphertext: Buffer, keyId: string): string {
    const key = this.keys.get(keyId);
    if (!key)
      throw new TokenDecryptionError(
        `No configured key has id ${keyId}; set TOKEN_ENCRYPTION_KEY_PREVIOUS to the key it was sealed with, or run npm run auth:rotate-key`,
      );
    if (ciphertext.length < HEADER_LENGTH || ciphertext[0] !== VERSION) throw new TokenDecryptionError('Ciphertext is malformed');
    const iv = ciphertext.subarray(1, 1 + IV_LENGTH);
    const tag = ciphertext.subarray(1 + IV_LENGTH, HEADER_LENGTH);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
      decipher.setAAD(Buffer.from(keyId, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext.subarray(HEADER_LENGTH)), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenDecryptionError(`Ciphertext failed authentication under key ${keyId}`);
    }
  }

  /** Opens under whatever key sealed it and seals again under the current key. */
  reseal(ciphertext: Buffer, keyId: string): Sealed {
    return this.seal(this.open(ciphertext, keyId));
  }
}
