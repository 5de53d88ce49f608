import { refreshTokenExpiresAt } from '@rewind/spotify';
import type { NotificationPayload } from './notify.events';
import { NotifyRepository } from './notify.repository';

/** Days before a refresh token dies on which the listener is reminded to reconnect, most urgent last. */
export const REMINDER_DAYS = [14, 2] as const;
const DAY_MS = 86_400_000;

export interface ReminderSettings {
  enabled: boolean;
  /** where the listener signs in with Spotify again (the gateway's /api/auth/login) */
  loginUrl: string;
}

/** The gateway's login route, on the origin Spotify sends the browser back to. */
export function loginUrlFrom(redirectUri: string): string {
  return new URL('/api/auth/login', redirectUri).toString();
}

/**
 * Spotify refuses an account's refresh token six months after the consent: 14 days and 2 days
 * before that, the listener is told to sign in again, with the link. Each reminder goes once per
 * consent (outbox dedupe key `refresh-expiry:<account>:<consent>:<days>`); a reminder whose day
 * has passed unsent (the notifier was down) is replaced by the more urgent one that applies now.
 */
export class RefreshTokenReminders {
  constructor(
    private readonly repository: NotifyRepository,
    private readonly settings: ReminderSettings,
  ) {}

  /** Enqueues the reminders due at `now`; returns how many were added. */
  async enqueueDue(now: Date): Promise<number> {
    if (!this.settings.enabled) return 0;
    let added = 0;
    for (const account of await this.repository.consents()) {
      const expiresAt = refreshTokenExpiresAt(new Date(account.consentedAt));
      const left = expiresAt.getTime() - now.getTime();
      if (left <= 0) continue; // past: the refresh fails and reauth_required is reported instead
      const days = Math.min(...REMINDER_DAYS.filter((d) => left <= d * DAY_MS));
      if (!Number.isFinite(days)) continue;
      const id = await this.repository.enqueue(null, {
        kind: 'reminder',
        eventType: 'refresh_token_expiring',
        accountId: account.id,
        dedupeKey: `refresh-expiry:${account.id}:${new Date(account.consentedAt).toISOString()}:${days}`,
        payload: this.payload(account, expiresAt, days, now),
      });
      if (id !== null) added++;
    }
    return added;
  }

  private payload(account: { id: string; name: string }, expiresAt: Date, days: number, now: Date): NotificationPayload {
    const on = expiresAt.toISOString().slice(0, 16).replace('T', ' ');
    return {
      source: 'rewind',
      kind: 'reminder',
      type: 'refresh_token_expiring',
      accountId: account.id,
      title: `Reconnect ${account.name} to Spotify within ${days} days`,
      message:
        `Spotify stops accepting Rewind's access to ${account.name} on ${on} UTC, six months after it was connected. ` +
        `Sign in with Spotify again before then, or polling stops: ${this.settings.loginUrl}`,
      where: this.settings.loginUrl,
      occurredAt: now.toISOString(),
      details: {
        account: account.name,
        refreshTokenExpiresAt: expiresAt.toISOString(),
        daysBefore: days,
        reconnect: this.settings.loginUrl,
      },
    };
  }
}
