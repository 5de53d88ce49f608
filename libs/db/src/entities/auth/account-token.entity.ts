import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Account } from './account.entity';

/**
 * Spotify tokens of one account, AES-256-GCM encrypted. Each ciphertext sits beside the id
 * of the key that sealed it so keys can be rotated. The row is also the lock that makes
 * concurrent refreshes single-flight (SELECT ... FOR UPDATE).
 */
@Entity({ schema: 'auth', name: 'account_tokens' })
export class AccountToken {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @OneToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_account_tokens_account' })
  account?: Account;

  @Column({ name: 'refresh_token_ciphertext', type: 'bytea' })
  refreshTokenCiphertext: Buffer;

  @Column({ name: 'refresh_token_key_id', type: 'text' })
  refreshTokenKeyId: string;

  @Column({ name: 'access_token_ciphertext', type: 'bytea', nullable: true })
  accessTokenCiphertext: Buffer | null;

  @Column({ name: 'access_token_key_id', type: 'text', nullable: true })
  accessTokenKeyId: string | null;

  @Column({ name: 'access_token_expires_at', type: 'timestamptz', nullable: true })
  accessTokenExpiresAt: Date | null;

  @Column({ type: 'text', nullable: true })
  scope: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
