import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A pending OAuth login: single use, short lived. Only a hash of the state is stored. */
@Entity({ schema: 'auth', name: 'oauth_states' })
export class OAuthState {
  @PrimaryColumn({ name: 'state_hash', type: 'text' })
  stateHash: string;

  @Column({ name: 'code_verifier_ciphertext', type: 'bytea' })
  codeVerifierCiphertext: Buffer;

  @Column({ name: 'key_id', type: 'text' })
  keyId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Index('ix_oauth_states_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt: Date | null;
}
