import { DynamicModule, Global, Module } from '@nestjs/common';
import { SpotifyClient, createSpotifyClient, type SpotifyClientOptions, type SpotifyTokenProvider } from '@rewind/spotify';
import type { PollingConfig } from '../config/ingest.config';
import { AuthServiceTokenProvider } from './auth-service-token.provider';

/** What tests (and demo wiring) may replace in the ingest-service. */
export interface IngestAppOptions {
  /** Replaces the auth-service token provider (tests talk to the emulator's accounts service directly). */
  spotifyTokens?: SpotifyTokenProvider;
  /** Client tuning (back-off, timeouts, injectable sleep/clock). */
  spotifyClient?: Partial<SpotifyClientOptions>;
  /** Lease owner name of this replica (default: host, pid and a random suffix). */
  instanceId?: string;
}

/** One SpotifyClient per process (it remembers per-account rate limits and batch support). */
@Global()
@Module({})
export class SpotifyAccessModule {
  static forRoot(config: PollingConfig, options: IngestAppOptions = {}): DynamicModule {
    return {
      module: SpotifyAccessModule,
      providers: [
        {
          provide: SpotifyClient,
          useFactory: () => {
            const tokens =
              options.spotifyTokens ??
              new AuthServiceTokenProvider({ authServiceUrl: config.AUTH_SERVICE_URL, internalToken: config.INTERNAL_TOKEN });
            return createSpotifyClient(tokens, { apiUrl: config.SPOTIFY_API_URL, ...options.spotifyClient });
          },
        },
      ],
      exports: [SpotifyClient],
    };
  }
}
