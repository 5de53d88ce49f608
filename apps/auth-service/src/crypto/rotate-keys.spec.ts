import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { parseRotateKeyArgs, UsageError } from './rotate-key-options';
import { rotateKeys, RotationError } from './rotate-keys';
import { keyIdOf, TokenCipher } from './token-cipher';

describe('rotateKeys', () => {
  let db: TestDatabase;
  let client: Client;
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const oldCipher = new TokenCipher(oldKey);

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  async function seed(): Promise<void> {
    await client.query('TRUNCATE auth.accounts, auth.account_tokens, auth.oauth_states, auth.sessions, auth.shares');
    for (let i = 0; i < 3; i++) {
      const { rows } = await client.query<{ id: string }>(`INSERT INTO auth.accounts (spotify_user_id) VALUES ($1) RETURNING id`, [
        `user-${i}`,
      ]);
      const r = oldCipher.seal(`refresh-${i}`);
      const a = i === 2 ? null : oldCipher.seal(`access-${i}`);
      await client.query(
        `INSERT INTO auth.account_tokens (account_id, refresh_token_ciphertext, refresh_token_key_id, access_token_ciphertext, access_token_key_id) VALUES ($1, $2, $3, $4, $5)`,
        [rows[0].id, r.ciphertext, r.keyId, a?.ciphertext ?? null, a?.keyId ?? null],
      );
    }
    const v = oldCipher.seal('verifier');
    await client.query(
      `INSERT INTO auth.oauth_states (state_hash, code_verifier_ciphertext, key_id, expires_at) VALUES ('h1', $1, $2, now() + interval '10 minutes')`,
      [v.ciphertext, v.keyId],
    );
  }

  async function keyIds(): Promise<string[]> {
    const { rows } = await client.query<{ id: string }>(
      `SELECT refresh_token_key_id AS id FROM auth.account_tokens UNION ALL SELECT access_token_key_id FROM auth.account_tokens WHERE access_token_key_id IS NOT NULL UNION ALL SELECT key_id FROM auth.oauth_states`,
    );
    return rows.map((r) => r.id);
  }

  it('re-encrypts every sealed value in one go and reports counts', async () => {
    await seed();
    const counts = await rotateKeys(client, oldKey, newKey);
    expect(counts.reencrypted).toEqual({
      'auth.account_tokens.refresh_token_ciphertext': 3,
      'auth.account_tokens.access_token_ciphertext': 2,
      'auth.oauth_states.code_verifier_ciphertext': 1,
    });
    expect(counts.total).toBe(6);
    expect(new Set(await keyIds())).toEqual(new Set([keyIdOf(newKey)]));
    const onlyNew = new TokenCipher(newKey);
    const { rows } = await client.query<{ c: Buffer; k: string }>(
      `SELECT refresh_token_ciphertext AS c, refresh_token_key_id AS k FROM auth.account_tokens ORDER BY refresh_token_key_id`,
    );
    expect(rows.map((r) => onlyNew.open(r.c, r.k)).sort()).toEqual(['refresh-0', 'refresh-1', 'refresh-2']);

    // running it again changes nothing
    const again = await rotateKeys(client, oldKey, newKey);
    expect(again.alreadyCurrent).toBe(6);
    expect(Object.values(again.reencrypted).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('dry run rolls back', async () => {
    await seed();
    const counts = await rotateKeys(client, oldKey, newKey, { dryRun: true });
    expect(counts.total).toBe(6);
    expect(new Set(await keyIds())).toEqual(new Set([keyIdOf(oldKey)]));
  });

  it('changes nothing when one value is sealed under an unknown key', async () => {
    await seed();
    const stranger = new TokenCipher(randomBytes(32)).seal('x');
    await client.query(
      `INSERT INTO auth.oauth_states (state_hash, code_verifier_ciphertext, key_id, expires_at) VALUES ('h2', $1, $2, now())`,
      [stranger.ciphertext, stranger.keyId],
    );
    await expect(rotateKeys(client, oldKey, newKey)).rejects.toThrow(RotationError);
    expect(new Set(await keyIds())).toEqual(new Set([keyIdOf(oldKey), stranger.keyId]));
  });

  it('refuses the same key twice', async () => {
    await expect(rotateKeys(client, oldKey, oldKey)).rejects.toThrow(/same key/);
  });
});

describe('parseRotateKeyArgs', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  it('reads keys from the environment, flags and files (flags win)', () => {
    const env = {
      TOKEN_ENCRYPTION_KEY_PREVIOUS: a.toString('base64'),
      TOKEN_ENCRYPTION_KEY: b.toString('base64'),
      DATABASE_URL: 'postgres://x@h/db',
    };
    const fromEnv = parseRotateKeyArgs([], env);
    expect(fromEnv.oldKey?.equals(a)).toBe(true);
    expect(fromEnv.newKey?.equals(b)).toBe(true);
    expect(fromEnv.databaseUrl).toBe('postgres://x@h/db');

    const dir = mkdtempSync(path.join(tmpdir(), 'rotate-'));
    writeFileSync(path.join(dir, 'new'), `${a.toString('base64')}\n`);
    const fromFlags = parseRotateKeyArgs(['--old-key', b.toString('base64'), `--new-key-file=${path.join(dir, 'new')}`, '--dry-run'], env);
    expect(fromFlags.oldKey?.equals(b)).toBe(true);
    expect(fromFlags.newKey?.equals(a)).toBe(true);
    expect(fromFlags.dryRun).toBe(true);
  });

  it('rejects bad input without echoing keys', () => {
    const bad = randomBytes(20).toString('base64');
    expect(() => parseRotateKeyArgs(['--old-key', bad], {})).toThrow(UsageError);
    try {
      parseRotateKeyArgs(['--old-key', bad], {});
    } catch (e) {
      expect((e as Error).message).not.toContain(bad);
    }
    expect(() => parseRotateKeyArgs(['--frobnicate'], {})).toThrow(/unknown argument/);
    expect(() => parseRotateKeyArgs(['--new-key-file'], {})).toThrow(/needs a value/);
    expect(() => parseRotateKeyArgs(['--new-key-file', '/nonexistent/key'], {})).toThrow(/cannot read/);
  });
});
