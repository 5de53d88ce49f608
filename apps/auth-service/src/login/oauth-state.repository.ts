import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Sealed } from '../crypto/token-cipher';

export type ConsumeResult = { ok: true; verifier: Sealed } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

@Injectable()
export class OAuthStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(stateHash: string, verifier: Sealed, ttlMs: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth.oauth_states (state_hash, code_verifier_ciphertext, key_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [stateHash, verifier.ciphertext, verifier.keyId, ttlMs / 1000],
    );
  }

  /** Single use: marks the state consumed atomically; a second caller (replay) gets "used". */
  async consume(stateHash: string): Promise<ConsumeResult> {
    // The verifier is wiped on use: a consumed state keeps only its hash (for replay detection).
    const result: [Array<{ c: Buffer; k: string }>, number] = await this.dataSource.query(
      `UPDATE auth.oauth_states s SET consumed_at = now(), code_verifier_ciphertext = '\\x'::bytea
         FROM (SELECT state_hash, code_verifier_ciphertext AS c FROM auth.oauth_states WHERE state_hash = $1 FOR UPDATE) old
        WHERE s.state_hash = old.state_hash AND s.consumed_at IS NULL AND s.expires_at > now()
        RETURNING old.c AS c, s.key_id AS k`,
      [stateHash],
    );
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected]
    const [rows] = result;
    if (rows.length) return { ok: true, verifier: { ciphertext: rows[0].c, keyId: rows[0].k } };
    const found: Array<{ used: boolean }> = await this.dataSource.query(
      `SELECT consumed_at IS NOT NULL AS used FROM auth.oauth_states WHERE state_hash = $1`,
      [stateHash],
    );
    if (!found.length) return { ok: false, reason: 'unknown' };
    return { ok: false, reason: found[0].used ? 'used' : 'expired' };
  }

  /** Forget states that can no longer be used (kept a day so a replay is still recognised as one). */
  async prune(): Promise<number> {
    const result = await this.dataSource.query(`DELETE FROM auth.oauth_states WHERE expires_at < now() - interval '1 day'`);
    return Number(result?.[1] ?? 0);
  }
}
