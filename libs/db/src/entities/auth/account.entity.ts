import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ACCOUNT_STATUSES = ['active', 'reauth_required', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

@Entity({ schema: 'auth', name: 'accounts' })
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ux_accounts_spotify_user_id', { unique: true })
  @Column({ name: 'spotify_user_id', type: 'text' })
  spotifyUserId: string;

  /** `account_id` of Spotify's /me: the stable key of the Spotify account (`spotifyUserId` is a user name). */
  @Index('ux_accounts_spotify_account_id', { unique: true })
  @Column({ name: 'spotify_account_id', type: 'text', nullable: true })
  spotifyAccountId: string | null;

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName: string | null;

  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ type: 'text', default: 'active' })
  status: AccountStatus;

  /** Why the account is not active, in words a user can act on. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  /** IANA zone used by stats when a request gives none. */
  @Column({ name: 'time_zone', type: 'text', nullable: true })
  timeZone: string | null;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  /** When the user consented; Spotify refresh tokens die six months later. */
  @Column({ name: 'consented_at', type: 'timestamptz', nullable: true })
  consentedAt: Date | null;

  @Column({ name: 'last_refresh_at', type: 'timestamptz', nullable: true })
  lastRefreshAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
