import type { Client } from 'pg';
import { keyIdOf, TokenCipher } from './token-cipher';

/** Every column pair (ciphertext, key id) that holds a sealed secret. */
export const SEALED_COLUMNS = [
  { table: 'auth.account_tokens', key: 'account_id', ciphertext: 'refresh_token_ciphertext', keyId: 'refresh_token_key_id' },
  { table: 'auth.account_tokens', key: 'account_id', ciphertext: 'access_token_ciphertext', keyId: 'access_token_key_id' },
  { table: 'auth.oauth_states', key: 'state_hash', ciphertext: 'code_verifier_ciphertext', keyId: 'key_id' },
] as const;

export interface RotationCounts {
  /** per "table.column": values re-encrypted under the new key */
  reencrypted: Record<string, number>;
  /** values already under the new key (e.g. a rotation that was run twice) */
  alreadyCurrent: number;
  total: number;
  newKeyId: string;
  oldKeyId: string;
}

export class RotationError extends Error {}

/**
 * Re-encrypts every sealed value under `newKey` in one transaction (all or nothing). Rows are
 * locked while they are rewritten, so a concurrent refresh waits instead of writing a value
 * sealed under the old key. Fails without changing anything when a value is sealed under a
 * key that is neither the old nor the new one.
 */
export async function rotateKeys(
  client: Client,
  oldKey: Buffer,
  newKey: Buffer,
  options: { dryRun?: boolean } = {},
): Promise<RotationCounts> {
  const cipher = new TokenCipher(newKey, [oldKey]);
  const counts: RotationCounts = { reencrypted: {}, alreadyCurrent: 0, total: 0, newKeyId: keyIdOf(newKey), oldKeyId: keyIdOf(oldKey) };
  if (counts.newKeyId === counts.oldKeyId) throw new RotationError('The old and the new key are the same key; nothing to rotate');
  await client.query('BEGIN');
  try {
    for (const col of SEALED_COLUMNS) {
      const name = `${col.table}.${col.ciphertext}`;
      counts.reencrypted[name] = 0;
      const { rows } = await client.query<{ k: string; c: Buffer; id: string }>(
        `SELECT ${col.key} AS k, ${col.ciphertext} AS c, ${col.keyId} AS id FROM ${col.table} WHERE octet_length(${col.ciphertext}) > 0 ORDER BY ${col.key} FOR UPDATE`,
      );
      for (const row of rows) {
        counts.total++;
        if (row.id === counts.newKeyId) {
          counts.alreadyCurrent++;
          continue;
        }
        if (!cipher.knows(row.id)) {
          throw new RotationError(
            `${name} holds a value sealed under key ${row.id}, which is neither the old key (${counts.oldKeyId}) nor the new one (${counts.newKeyId}); nothing was changed`,
          );
        }
        const sealed = cipher.reseal(row.c, row.id);
        await client.query(`UPDATE ${col.table} SET ${col.ciphertext} = $1, ${col.keyId} = $2 WHERE ${col.key} = $3`, [
          sealed.ciphertext,
          sealed.keyId,
          row.k,
        ]);
        counts.reencrypted[name]++;
      }
    }
    await client.query(options.dryRun ? 'ROLLBACK' : 'COMMIT');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
