import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ShareKind } from '@rewind/db';
import { DataSource } from 'typeorm';

export interface ShareRow {
  id: string;
  accountId: string;
  kind: ShareKind;
  year: number | null;
  from: string | null;
  to: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

const COLUMNS = `id, account_id AS "accountId", kind, year, to_char(from_date, 'YYYY-MM-DD') AS "from",
  to_char(to_date, 'YYYY-MM-DD') AS "to", created_at AS "createdAt", expires_at AS "expiresAt"`;

@Injectable()
export class SharesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(share: ShareRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth.shares (id, account_id, kind, year, from_date, to_date, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [share.id, share.accountId, share.kind, share.year, share.from, share.to, share.createdAt, share.expiresAt],
    );
  }

  /** Shares not revoked, newest first; of one account, or all. */
  list(accountId: string | null): Promise<ShareRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM auth.shares WHERE revoked_at IS NULL AND ($1::uuid IS NULL OR account_id = $1) ORDER BY created_at DESC, id`,
      [accountId],
    );
  }

  async findLive(id: string): Promise<ShareRow | null> {
    const rows: ShareRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM auth.shares WHERE id = $1 AND revoked_at IS NULL`, [id]);
    return rows[0] ?? null;
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE auth.shares SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, now]);
  }

  async accountExists(accountId: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM auth.accounts WHERE id = $1`, [accountId])).length > 0;
  }
}
