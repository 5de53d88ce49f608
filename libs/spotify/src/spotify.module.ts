import { HttpModule, HttpService } from '@nestjs/axios';
import { type DynamicModule, type ModuleMetadata, Module, type Provider } from '@nestjs/common';
import { SPOTIFY_ACCOUNTS_OPTIONS, SpotifyAccountsClient, type SpotifyAccountsOptions } from './accounts';
import {
  SPOTIFY_CLIENT_OPTIONS,
  SPOTIFY_TOKEN_PROVIDER,
  SpotifyClient,
  type SpotifyClientOptions,
  type SpotifyTokenProvider,
} from './client';

export interface SpotifyModuleOptions {
  client: SpotifyClientOptions;
  /** omit when the service never talks to the accounts service */
  accounts?: SpotifyAccountsOptions;
  /**
   * Provider of SPOTIFY_TOKEN_PROVIDER (e.g. `{ provide: SPOTIFY_TOKEN_PROVIDER, useExisting: TokenService }`),
   * together with `imports` that make its dependencies available. Without it, SpotifyClient is not provided.
   */
  tokenProvider?: Provider;
  imports?: ModuleMetadata['imports'];
  global?: boolean;
}

/**
 * Nest wiring of the Spotify client:
 * ```ts
 * SpotifyModule.forRoot({
 *   client: { apiUrl: config.SPOTIFY_API_URL },
 *   accounts: { accountsUrl: config.SPOTIFY_ACCOUNTS_URL, clientId, clientSecret },
 *   tokenProvider: { provide: SPOTIFY_TOKEN_PROVIDER, useClass: AuthServiceTokenProvider },
 * })
 * ```
 * then inject `SpotifyClient` and/or `SpotifyAccountsClient`.
 */
@Module({})
export class SpotifyModule {
  static forRoot(options: SpotifyModuleOptions): DynamicModule {
    const providers: Provider[] = [{ provide: SPOTIFY_CLIENT_OPTIONS, useValue: options.client }];
    const exports: Array<Provider | symbol | Function> = [];
    if (options.tokenProvider) {
      providers.push(options.tokenProvider, {
        provide: SpotifyClient,
        inject: [HttpService, SPOTIFY_TOKEN_PROVIDER, SPOTIFY_CLIENT_OPTIONS],
        useFactory: (http: HttpService, tokens: SpotifyTokenProvider, o: SpotifyClientOptions) => new SpotifyClient(http, tokens, o),
      });
      exports.push(SpotifyClient);
    }
    if (options.accounts) {
      providers.push(
        { provide: SPOTIFY_ACCOUNTS_OPTIONS, useValue: options.accounts },
        {
          provide: SpotifyAccountsClient,
          inject: [HttpService, SPOTIFY_ACCOUNTS_OPTIONS],
          useFactory: (http: HttpService, o: SpotifyAccountsOptions) => new SpotifyAccountsClient(http, o),
        },
      );
      exports.push(SpotifyAccountsClient);
    }
    return {
      module: SpotifyModule,
      global: options.global ?? false,
      imports: [HttpModule.register({}), ...(options.imports ?? [])],
      providers,
      exports,
    };
  }
}

/** Without Nest: a SpotifyClient over a fresh HttpService. */
export function createSpotifyClient(
  tokens: SpotifyTokenProvider,
  options: SpotifyClientOptions,
  http: HttpService = new HttpService(),
): SpotifyClient {
  return new SpotifyClient(http, tokens, options);
}

/** Without Nest: a SpotifyAccountsClient over a fresh HttpService. */
export function createSpotifyAccountsClient(options: SpotifyAccountsOptions, http: HttpService = new HttpService()): SpotifyAccountsClient {
  return new SpotifyAccountsClient(http, options);
}
