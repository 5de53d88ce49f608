import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AccountRow } from '../accounts/accounts.repository';
import { AccountsService, NOT_CONFIGURED_MESSAGE } from '../accounts/accounts.service';
import { AuthServiceConfig } from '../config/auth.config';
import { AUTH_CONFIG } from '../core/auth-config';
import { TokenCipher } from '../crypto/token-cipher';
import { SpotifyAuthPort, SpotifyGrantError, SpotifyUnavailableError, TokenGrant } from '../spotify/spotify-auth.port';
import { OAuthStateRepository } from './oauth-state.repository';

export const LOGIN_SCOPES = ['user-read-recently-played', 'user-read-private'];
export const STATE_TTL_MS = 10 * 60_000;

export const hashState = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');
export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

const RESTART = 'Start again from the dashboard ("Connect Spotify", or GET /api/auth/login).';

/** A login that ended without a connected account; rendered as a page (or JSON) by LoginErrorFilter. */
export class LoginFailed extends HttpException {
  constructor(
    status: number,
    readonly title: string,
    message: string,
  ) {
    super({ statusCode: status, message }, status);
  }
}

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

/** Authorization code + PKCE with a server-side, single-use, 10-minute state. */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthServiceConfig,
    private readonly states: OAuthStateRepository,
    private readonly cipher: TokenCipher,
    private readonly spotify: SpotifyAuthPort,
    private readonly accounts: AccountsService,
  ) {}

  /** Creates a pending login and returns Spotify's authorize URL for it. */
  async start(options: { showDialog?: boolean } = {}): Promise<string> {
    if (!this.config.SPOTIFY_CLIENT_ID) throw new LoginFailed(503, 'Spotify is not configured', NOT_CONFIGURED_MESSAGE);
    const state = randomBytes(32).toString('base64url');
    const verifier = randomBytes(64).toString('base64url'); // 86 characters of [A-Za-z0-9_-]
    await this.states.create(hashState(state), this.cipher.seal(verifier), STATE_TTL_MS);
    void this.states.prune().catch(() => undefined);
    const url = new URL(`${this.config.SPOTIFY_ACCOUNTS_URL.replace(/\/$/, '')}/authorize`);
    url.search = new URLSearchParams({
      client_id: this.config.SPOTIFY_CLIENT_ID,
      response_type: 'code',
      redirect_uri: this.config.SPOTIFY_REDIRECT_URI,
      scope: LOGIN_SCOPES.join(' '),
      state,
      code_challenge_method: 'S256',
      code_challenge: pkceChallenge(verifier),
      ...(options.showDialog ? { show_dialog: 'true' } : {}),
    }).toString();
    return url.toString();
  }

  /** Spotify sent the browser back: check the state, exchange the code, read /me, store the account. */
  async complete(query: CallbackQuery): Promise<AccountRow> {
    if (!this.config.SPOTIFY_CLIENT_ID) throw new LoginFailed(503, 'Spotify is not configured', NOT_CONFIGURED_MESSAGE);
    if (typeof query.state !== 'string' || !query.state) {
      throw new LoginFailed(
        400,
        'Login link incomplete',
        `The state parameter is missing, so this answer cannot be matched to a login. ${RESTART}`,
      );
    }
    const consumed = await this.states.consume(hashState(query.state));
    if (query.error !== undefined) {
      if (query.error === 'access_denied') {
        throw new LoginFailed(
          403,
          'Spotify access was declined',
          `You declined access on Spotify, so no account was connected. ${RESTART}`,
        );
      }
      throw new LoginFailed(
        400,
        'Spotify reported an error',
        `Spotify answered the login with "${String(query.error).slice(0, 100)}"; no account was connected. ${RESTART}`,
      );
    }
    if (!consumed.ok) {
      const why = {
        unknown: 'This login link is unknown (it was not started here, or it is too old)',
        used: 'This login link was already used; each one works once',
        expired: 'This login link expired (logins must finish within 10 minutes)',
      }[consumed.reason];
      throw new LoginFailed(400, 'Login link not valid', `${why}. ${RESTART}`);
    }
    if (typeof query.code !== 'string' || !query.code)
      throw new LoginFailed(400, 'Login link incomplete', `The code parameter is missing. ${RESTART}`);

    let grant: TokenGrant;
    try {
      grant = await this.spotify.exchangeCode({
        code: query.code,
        redirectUri: this.config.SPOTIFY_REDIRECT_URI,
        codeVerifier: this.cipher.open(consumed.verifier.ciphertext, consumed.verifier.keyId),
      });
    } catch (error) {
      if (error instanceof SpotifyGrantError) {
        if (error.error === 'invalid_client') {
          throw new LoginFailed(
            503,
            'Spotify app misconfigured',
            `Spotify refused Rewind's client credentials (${error.description}). Check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET.`,
          );
        }
        throw new LoginFailed(
          400,
          'Spotify refused the login',
          `Spotify refused to exchange the authorization code (${error.description}). ${RESTART}`,
        );
      }
      if (error instanceof SpotifyUnavailableError) throw new LoginFailed(503, 'Spotify is unavailable', `${error.message}. ${RESTART}`);
      throw error;
    }
    if (!grant.refreshToken) throw new LoginFailed(400, 'Spotify refused the login', `Spotify did not issue a refresh token. ${RESTART}`);
    try {
      const profile = await this.accounts.profile(grant.accessToken);
      const account = await this.accounts.store(profile, grant, grant.refreshToken, { consentedAt: new Date() });
      this.logger.log({ accountId: account.id }, 'Login completed');
      return account;
    } catch (error) {
      if (error instanceof HttpException && !(error instanceof LoginFailed)) {
        const status = error.getStatus();
        const title = status === 409 ? 'Account limit reached' : status === 403 ? 'Spotify refused access' : 'Login failed';
        const message = (error.getResponse() as { message?: string })?.message ?? error.message;
        throw new LoginFailed(status, title, String(message));
      }
      throw error;
    }
  }
}
