import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuthServiceConfig } from '../config/auth.config';
import { AUTH_CONFIG } from '../core/auth-config';
import { Clock, CLOCK } from '../core/clock';
import { SessionsRepository } from './sessions.repository';

export const hashSessionId = (sessionId: string) => createHash('sha256').update(sessionId, 'utf8').digest('hex');

/** last_seen_at is written at most this often per session: a page load is a dozen requests. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface OpenedSession {
  /** The cookie's value: 256 random bits, base64url. Only its hash is stored. */
  sessionId: string;
  expiresAt: Date;
}

/** Server-side sessions of signed-in listeners, with an idle and an absolute lifetime. */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  readonly idleMs: number;
  readonly maxAgeMs: number;

  constructor(
    @Inject(AUTH_CONFIG) config: AuthServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repo: SessionsRepository,
  ) {
    this.idleMs = config.SESSION_IDLE_HOURS * 3_600_000;
    this.maxAgeMs = config.SESSION_MAX_AGE_DAYS * 86_400_000;
  }

  async open(accountId: string): Promise<OpenedSession> {
    const now = new Date(this.clock());
    const sessionId = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.maxAgeMs);
    await this.repo.create(hashSessionId(sessionId), accountId, now, expiresAt);
    const pruned = await this.repo.prune(now, this.idleMs);
    this.logger.log({ accountId, pruned }, 'Signed a listener in');
    return { sessionId, expiresAt };
  }

  /** The account of a live session; null when it is unknown, revoked, idle too long or past its absolute lifetime. */
  async resolve(sessionId: string): Promise<string | null> {
    const hash = hashSessionId(sessionId);
    const session = await this.repo.find(hash);
    const now = this.clock();
    if (!session || session.revokedAt) return null;
    if (now >= session.expiresAt.getTime() || now >= session.lastSeenAt.getTime() + this.idleMs) return null;
    if (now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) await this.repo.touch(hash, new Date(now));
    return session.accountId;
  }

  /** Signs one browser out; with `everywhere`, every session of its account. */
  async close(sessionId: string, everywhere: boolean): Promise<void> {
    const hash = hashSessionId(sessionId);
    const now = new Date(this.clock());
    const session = await this.repo.find(hash);
    if (!session) return;
    const revoked = everywhere ? await this.repo.revokeAccount(session.accountId, now) : Number(await this.repo.revoke(hash, now));
    this.logger.log({ accountId: session.accountId, revoked }, 'Signed a listener out');
  }
}
