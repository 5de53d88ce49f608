import {
  ConflictException,
  Inject,
  Injectable,
  InternalServerErrorException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AuthServiceConfig } from '../config/auth.config';
import { AUTH_CONFIG } from '../core/auth-config';
import { TokenCipher, TokenDecryptionError } from '../crypto/token-cipher';
import { SpotifyAuthPort, SpotifyGrantError, SpotifyUnavailableError } from '../spotify/spotify-auth.port';
import { TokenRow, TokensRepository } from './tokens.repository';

/** An access token is refreshed when fewer than this many milliseconds remain. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A forced refresh (a caller's token got a 401) is skipped when the stored token changed since
 * the caller read it, or was refreshed this recently: concurrent callers that saw the same 401
 * share one refresh instead of each rotating the token in turn (FORCE_REFRESH_MIN_INTERVAL_MS).
 */

export interface AccessToken {
  accessToken: string;
  expiresAt: Date;
}

type LockedOutcome = { kind: 'token'; token: AccessToken } | { kind: 'reauth'; reason: string };

export function reconnectMessage(accountId: string, reason: string | null): string {
  return `Account ${accountId} must be reconnected: ${reason ?? 'Spotify no longer accepts its refresh token'}. Sign in again with Spotify (GET /api/auth/login) to reconnect it.`;
}

/**
 * Hands out valid access tokens, refreshing them when needed. One refresh per account at a
 * time: callers in this process share the in-flight promise, and processes serialise on the
 * account's token row (SELECT ... FOR UPDATE), re-checking after the lock is theirs.
 */
@Injectable()
export class TokensService {
  private readonly logger = new Logger(TokensService.name);
  private readonly inFlight = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly repo: TokensRepository,
    private readonly cipher: TokenCipher,
    private readonly spotify: SpotifyAuthPort,
    @Inject(AUTH_CONFIG) private readonly config: Pick<AuthServiceConfig, 'FORCE_REFRESH_MIN_INTERVAL_MS'>,
  ) {}

  async getAccessToken(accountId: string, options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    const force = options.forceRefresh === true;
    const seen = await this.repo.read(accountId);
    if (!seen) {
      if (await this.repo.accountExists(accountId))
        throw new ConflictException(reconnectMessage(accountId, 'no Spotify tokens are stored for it'));
      throw new NotFoundException(`No account with id ${accountId}`);
    }
    this.assertUsable(seen);
    if (!force && this.isFresh(seen)) return this.openAccess(seen);

    const key = `${accountId}:${force ? 'force' : 'due'}`;
    let flight = this.inFlight.get(key);
    if (!flight) {
      flight = this.refreshLocked(accountId, force, seen.accessCiphertext).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, flight);
    }
    return flight;
  }

  private async refreshLocked(accountId: string, force: boolean, seenAccess: Buffer | null): Promise<AccessToken> {
    const outcome = await this.repo.withLockedTokens<LockedOutcome>(accountId, async (row, em) => {
      if (!row) throw new NotFoundException(`No account with id ${accountId}`);
      this.assertUsable(row);
      if (!force && this.isFresh(row)) return { kind: 'token', token: this.openAccess(row) };
      // Forced (the caller's token was refused): someone else may have refreshed while we waited.
      if (force && row.accessCiphertext && this.remainingMs(row) > 0) {
        const changed = !row.accessCiphertext.equals(seenAccess ?? Buffer.alloc(0));
        const recent = row.msSinceRefresh !== null && row.msSinceRefresh < this.config.FORCE_REFRESH_MIN_INTERVAL_MS;
        if (changed || recent) return { kind: 'token', token: this.openAccess(row) };
      }
      const refreshToken = this.open(row.refreshCiphertext, row.refreshKeyId);
      try {
        const grant = await this.spotify.refresh(refreshToken);
        const expiresAt = new Date(Date.now() + grant.expiresIn * 1000);
        const access = this.cipher.seal(grant.accessToken);
        // A rotated refresh token replaces the stored one; none in the answer keeps the old one.
        const rotated = grant.refreshToken && grant.refreshToken !== refreshToken ? this.cipher.seal(grant.refreshToken) : null;
        await this.repo.saveRefreshed(em, accountId, access, expiresAt, rotated, grant.scope ?? null);
        this.logger.log({ accountId, rotated: Boolean(rotated), expiresAt: expiresAt.toISOString() }, 'Refreshed the access token');
        return { kind: 'token', token: { accessToken: grant.accessToken, expiresAt } };
      } catch (error) {
        if (error instanceof SpotifyGrantError && error.final) {
          const reason = `Spotify refused the refresh token (${error.description})`;
          await this.repo.markReauthRequired(em, accountId, reason);
          this.logger.warn({ accountId, spotifyError: error.error, description: error.description }, 'Account needs to reconnect');
          return { kind: 'reauth', reason };
        }
        if (error instanceof SpotifyGrantError) {
          throw new ServiceUnavailableException(
            `Spotify refused the refresh (${error.error}: ${error.description}); check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET`,
          );
        }
        if (error instanceof SpotifyUnavailableError) throw new ServiceUnavailableException(`${error.message}; try again shortly`);
        throw error;
      }
    });
    if (outcome.kind === 'reauth') throw new ConflictException(reconnectMessage(accountId, outcome.reason));
    return outcome.token;
  }

  private assertUsable(row: TokenRow): void {
    if (row.status === 'reauth_required') throw new ConflictException(reconnectMessage(row.accountId, row.statusReason));
    if (row.status !== 'active')
      throw new ConflictException(`Account ${row.accountId} is ${row.status}${row.statusReason ? `: ${row.statusReason}` : ''}`);
  }

  private remainingMs(row: TokenRow): number {
    return row.accessExpiresAt ? new Date(row.accessExpiresAt).getTime() - Date.now() : -Infinity;
  }

  private isFresh(row: TokenRow): boolean {
    return row.accessCiphertext !== null && row.accessKeyId !== null && this.remainingMs(row) > REFRESH_MARGIN_MS;
  }

  private openAccess(row: TokenRow): AccessToken {
    return { accessToken: this.open(row.accessCiphertext!, row.accessKeyId!), expiresAt: new Date(row.accessExpiresAt!) };
  }

  private open(ciphertext: Buffer, keyId: string): string {
    try {
      return this.cipher.open(ciphertext, keyId);
    } catch (error) {
      if (error instanceof TokenDecryptionError)
        throw new InternalServerErrorException(`A stored token cannot be decrypted: ${error.message}`);
      throw error;
    }
  }
}
