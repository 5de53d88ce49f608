import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Account } from './account.entity';

export const SHARE_KINDS = ['wrapped', 'range'] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/**
 * A read-only recap a listener published: a Wrapped year, or a date range's top lists. The id is
 * the capability (≥ 128 random bits, base64url) and is what the public link carries.
 */
@Entity({ schema: 'auth', name: 'shares' })
export class Share {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Index('ix_shares_account_id')
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_shares_account' })
  account?: Account;

  @Column({ type: 'text' })
  kind: ShareKind;

  @Column({ type: 'int', nullable: true })
  year: number | null;

  @Column({ name: 'from_date', type: 'date', nullable: true })
  fromDate: string | null;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  toDate: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
