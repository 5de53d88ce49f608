import { DynamicModule, Global, Inject, Injectable, Module } from '@nestjs/common';
import { InternalTokenGuard } from '@rewind/service-kit';
import { AuthServiceConfig, decodeKey } from '../config/auth.config';
import { TokenCipher } from '../crypto/token-cipher';
import { SpotifyAuthAdapter } from '../spotify/spotify-auth.adapter';
import { SpotifyAuthPort } from '../spotify/spotify-auth.port';
import { AUTH_CONFIG } from './auth-config';
import { Clock, CLOCK, systemClock } from './clock';

/** InternalTokenGuard from the service kit, fed with this service's INTERNAL_TOKEN. */
@Injectable()
export class InternalAuthGuard extends InternalTokenGuard {
  constructor(@Inject(AUTH_CONFIG) config: AuthServiceConfig) {
    super(config.INTERNAL_TOKEN);
  }
}

export function tokenCipherFrom(config: Pick<AuthServiceConfig, 'TOKEN_ENCRYPTION_KEY' | 'TOKEN_ENCRYPTION_KEY_PREVIOUS'>): TokenCipher {
  const current = decodeKey(config.TOKEN_ENCRYPTION_KEY);
  if (!current) throw new Error('TOKEN_ENCRYPTION_KEY: must be 32 random bytes, base64-encoded');
  const previous = config.TOKEN_ENCRYPTION_KEY_PREVIOUS ? decodeKey(config.TOKEN_ENCRYPTION_KEY_PREVIOUS) : null;
  return new TokenCipher(current, previous ? [previous] : []);
}

/** Configuration, the clock, the token cipher, the Spotify port and the internal guard, for every feature module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AuthServiceConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: TokenCipher, useFactory: () => tokenCipherFrom(config) },
        {
          provide: SpotifyAuthPort,
          useFactory: () =>
            new SpotifyAuthAdapter({
              clientId: config.SPOTIFY_CLIENT_ID,
              clientSecret: config.SPOTIFY_CLIENT_SECRET,
              accountsUrl: config.SPOTIFY_ACCOUNTS_URL,
              apiUrl: config.SPOTIFY_API_URL,
              timeoutMs: config.SPOTIFY_TIMEOUT_MS,
            }),
        },
        InternalAuthGuard,
      ],
      exports: [AUTH_CONFIG, CLOCK, TokenCipher, SpotifyAuthPort, InternalAuthGuard],
    };
  }
}
