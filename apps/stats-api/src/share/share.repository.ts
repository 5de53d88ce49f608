import { Inject, Injectable } from '@nestjs/common';
import type { ShareKind } from '@rewind/db';
import { Pool } from 'pg';
import { STATS_POOL } from '../stats/stats.tokens';

export interface LiveShare {
  accountId: string;
  kind: ShareKind;
  year: number | null;
  from: string | null;
  to: string | null;
  expiresAt: Date | null;
}

/** Reads auth.shares (written by auth-service): a share answers while it is neither revoked nor expired. */
@Injectable()
export class ShareRepository {
  constructor(@Inject(STATS_POOL) private readonly pool: Pool) {}

  async findLive(id: string): Promise<LiveShare | null> {
    const { rows } = await this.pool.query<LiveShare>(
      `SELECT account_id AS "accountId", kind, year, to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to",
              expires_at AS "expiresAt"
         FROM auth.shares WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [id],
    );
    return rows[0] ?? null;
  }
}
