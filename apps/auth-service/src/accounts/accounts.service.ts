import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { refreshTokenExpiresAt } from '@rewind/spotify';
import type { Principal } from '@rewind/service-kit';
import { AuthServiceConfig } from '../config/auth.config';
import { AUTH_CONFIG } from '../core/auth-config';
import { TokenCipher } from '../crypto/token-cipher';
import {
  SpotifyAuthPort,
  SpotifyForbiddenError,
  SpotifyGrantError,
  SpotifyProfile,
  SpotifyUnavailableError,
  TokenGrant,
} from '../spotify/spotify-auth.port';
import { AccountLimitError, AccountRow, AccountsRepository } from './accounts.repository';
import { AccountDto, CreatedAccountDto } from './dto/account.dto';

export const NOT_CONFIGURED_MESSAGE =
  'Spotify is not configured: create an app at https://developer.spotify.com/dashboard, add the redirect URI ' +
  '(SPOTIFY_REDIRECT_URI, default http://127.0.0.1:3000/api/auth/callback) to it, then set SPOTIFY_CLIENT_ID and ' +
  'SPOTIFY_CLIENT_SECRET and restart Rewind. Without them, `npm start` runs in demo mode against the Spotify emulator.';

export function limitMessage(limit: number): string {
  return `At most ${limit} Spotify accounts can be connected (Spotify development-mode apps allow 5 users; ACCOUNT_LIMIT changes the limit). Delete an account first (DELETE /api/auth/accounts/:id).`;
}

export const toCreated = (a: AccountRow): CreatedAccountDto => ({
  id: a.id,
  spotifyUserId: a.spotifyUserId,
  displayName: a.displayName,
  status: a.status,
});

export const toAccountDto = (a: AccountRow): AccountDto => ({
  ...toCreated(a),
  tokenExpiresAt: a.tokenExpiresAt ? new Date(a.tokenExpiresAt).toISOString() : null,
  lastRefreshAt: a.lastRefreshAt ? new Date(a.lastRefreshAt).toISOString() : null,
  statusReason: a.statusReason,
  label: a.label,
  isDemo: a.isDemo,
  timeZone: a.timeZone,
  refreshTokenExpiresAt: a.consentedAt ? refreshTokenExpiresAt(new Date(a.consentedAt)).toISOString() : null,
});

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthServiceConfig,
    private readonly repo: AccountsRepository,
    private readonly cipher: TokenCipher,
    private readonly spotify: SpotifyAuthPort,
  ) {}

  get configured(): boolean {
    return Boolean(this.config.SPOTIFY_CLIENT_ID);
  }

  /** Every account for the admin; a listener's own alone. */
  async list(principal: Principal): Promise<AccountDto[]> {
    const rows = await this.repo.list();
    return rows
      .filter((a) => principal.role === 'admin' || (principal.role === 'listener' && a.id === principal.accountId))
      .map(toAccountDto);
  }

  /** Headless setup: a refresh token is refreshed once and /me read before anything is stored. */
  async connectWithRefreshToken(refreshToken: string, options: { label?: string; timeZone?: string } = {}): Promise<CreatedAccountDto> {
    if (!this.configured) throw new ServiceUnavailableException(NOT_CONFIGURED_MESSAGE);
    const timeZone = options.timeZone === undefined ? undefined : await this.repo.checkTimeZone(options.timeZone);
    // Checked before Spotify is asked: with rotation, the refresh would spend the user's token.
    if ((await this.repo.count()) >= this.config.ACCOUNT_LIMIT) throw new ConflictException(limitMessage(this.config.ACCOUNT_LIMIT));
    let grant: TokenGrant;
    try {
      grant = await this.spotify.refresh(refreshToken);
    } catch (error) {
      if (error instanceof SpotifyGrantError) {
        if (error.error === 'invalid_client')
          throw new ServiceUnavailableException(
            `Spotify refused Rewind's client credentials (${error.description}); check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET`,
          );
        throw new BadRequestException(`refreshToken was refused by Spotify: ${error.description}`);
      }
      throw this.mapUnavailable(error);
    }
    const profile = await this.profile(grant.accessToken);
    // Spotify does not say when a refresh token was consented to: a token Rewind has not seen was
    // just produced (the manual code flow), so its consent is now; the stored token keeps its date.
    const stored = await this.repo.storedRefreshToken(profile.id, profile.accountId);
    const known = stored !== null && this.cipher.open(stored.ciphertext, stored.keyId) === refreshToken;
    const account = await this.store(profile, grant, grant.refreshToken ?? refreshToken, {
      label: options.label,
      timeZone,
      consentedAt: known ? null : new Date(),
    });
    return toCreated(account);
  }

  /** PATCH: a new zone (rebuilds the account's zone-dependent models) and/or label. */
  async update(id: string, change: { timeZone?: string; label?: string }): Promise<AccountDto> {
    if (change.timeZone === undefined && change.label === undefined)
      throw new BadRequestException('Nothing to change: give timeZone and/or label');
    const label = change.label === undefined ? undefined : change.label.trim() || null;
    const account = await this.repo.update(id, { timeZone: change.timeZone, label });
    if (!account) throw new NotFoundException(`No account with id ${id}`);
    this.logger.log({ accountId: id, timeZone: account.timeZone }, 'Updated an account');
    return toAccountDto(account);
  }

  /** Stores (or updates: one Spotify account is one Rewind account, found by its account_id) the account and its sealed tokens. */
  async store(
    profile: SpotifyProfile,
    grant: TokenGrant,
    refreshToken: string,
    options: { label?: string; timeZone?: string; consentedAt: Date | null },
  ): Promise<AccountRow> {
    try {
      const { account, created } = await this.repo.saveConnection(
        {
          spotifyUserId: profile.id,
          spotifyAccountId: profile.accountId,
          displayName: profile.displayName,
          label: options.label ?? null,
          timeZone: options.timeZone ?? null,
          isDemo: this.config.REWIND_DEMO_MODE,
          consentedAt: options.consentedAt,
          refreshToken: this.cipher.seal(refreshToken),
          accessToken: this.cipher.seal(grant.accessToken),
          accessTokenExpiresAt: new Date(Date.now() + grant.expiresIn * 1000),
          scope: grant.scope ?? null,
        },
        this.config.ACCOUNT_LIMIT,
      );
      this.logger.log({ accountId: account.id, created }, created ? 'Connected a Spotify account' : 'Reconnected a Spotify account');
      return account;
    } catch (error) {
      if (error instanceof AccountLimitError) throw new ConflictException(limitMessage(error.limit));
      throw error;
    }
  }

  async profile(accessToken: string): Promise<SpotifyProfile> {
    try {
      return await this.spotify.me(accessToken);
    } catch (error) {
      if (error instanceof SpotifyForbiddenError) {
        throw new ForbiddenException(
          `Spotify refused to show this user's profile (${error.status}: ${error.message}). In development mode, the user must be on the app's allow-list (Spotify dashboard → User Management).`,
        );
      }
      throw this.mapUnavailable(error);
    }
  }

  async delete(id: string, purge: boolean): Promise<void> {
    const { found, purged } = await this.repo.delete(id, purge);
    if (!found) throw new NotFoundException(`No account with id ${id}`);
    this.logger.log({ accountId: id, purge, purged }, 'Deleted an account');
  }

  private mapUnavailable(error: unknown): unknown {
    if (error instanceof SpotifyUnavailableError) return new ServiceUnavailableException(`${error.message}; try again shortly`);
    return error;
  }
}
