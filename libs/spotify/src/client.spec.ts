/**
 * Client tests against the emulator over real HTTP, with faults switched on. Waits go through
 * an injected sleep, so nothing here actually waits for a Retry-After or a back-off.
 */
import { Test } from '@nestjs/testing';
import { startEmulator, type RunningEmulator } from '@rewind/spotify-emulator';
import {
  RateLimited,
  ReauthRequired,
  SPOTIFY_TOKEN_PROVIDER,
  SpotifyApiError,
  SpotifyAuthError,
  SpotifyClient,
  SpotifyModule,
  SpotifyUnavailable,
  createPkcePair,
  createSpotifyAccountsClient,
  createSpotifyClient,
  refreshTokenExpiresAt,
  type SpotifyAccountsClient,
  type SpotifyClientOptions,
  type SpotifyTokenProvider,
} from './index';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const REDIRECT = 'http://127.0.0.1:3000/api/auth/callback';

class TestTokens implements SpotifyTokenProvider {
  readonly tokens = new Map<string, { access: string; refresh: string }>();
  forced = 0;
  constructor(private readonly accounts: SpotifyAccountsClient) {}
  async getAccessToken(accountId: string, options: { forceRefresh?: boolean } = {}): Promise<string> {
    const t = this.tokens.get(accountId);
    if (!t) throw new Error(`no tokens for ${accountId}`);
    if (options.forceRefresh) {
      this.forced++;
      const r = await this.accounts.refresh(t.refresh, { accountId, pkce: false });
      t.access = r.accessToken;
      if (r.refreshToken) t.refresh = r.refreshToken;
    }
    return t.access;
  }
}

let emu: RunningEmulator;
let accounts: SpotifyAccountsClient;
let tokens: TestTokens;
let sleeps: number[];
let n = 0;

function client(extra: Partial<SpotifyClientOptions> = {}): SpotifyClient {
  return createSpotifyClient(tokens, {
    apiUrl: emu.apiUrl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => emu.admin.now(),
    ...extra,
  });
}

/** a listener with tokens in the test token store; only the plays a test adds */
function account(): string {
  const id = `acct-${++n}`;
  emu.admin.addListener({ id, generate: false, allowListed: false });
  emu.admin.setAllowListed(id, true);
  const t = emu.admin.issueTokens(id);
  tokens.tokens.set(id, { access: t.accessToken, refresh: t.refreshToken });
  return id;
}

beforeAll(async () => {
  emu = await startEmulator({ seed: 3, now: NOW, autoApprove: true, redirectUris: [REDIRECT], catalog: { artists: 80 } });
  accounts = createSpotifyAccountsClient({
    accountsUrl: emu.accountsUrl,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    sleep: async () => undefined,
  });
  tokens = new TestTokens(accounts);
});

afterAll(() => emu.close());

beforeEach(() => {
  sleeps = [];
});

afterEach(() => {
  emu.admin.clearFaults();
  emu.admin.configure({ devMode: true, refreshMode: 'keep' });
  for (const l of emu.admin.listListeners()) emu.admin.setAllowListed(l.id, false);
});

describe('401 → one refresh, one retry', () => {
  test('an expired access token is refreshed once and the call retried', async () => {
    const id = account();
    emu.admin.expireAccessTokens(id);
    const me = await client().getMe(id);
    expect(me.id).toBe(id);
    expect(emu.admin.counters(id).tokenRefreshes).toBe(1);
    expect(emu.admin.counters(id).status401).toBe(1);
  });

  test('a second 401 after the refresh is not retried again', async () => {
    const id = account();
    emu.admin.setFaults({ accessTokenTtlSec: 0 }, id); // every new token is born expired
    emu.admin.expireAccessTokens(id);
    await expect(client().getMe(id)).rejects.toMatchObject({ constructor: SpotifyApiError, status: 401 });
    expect(emu.admin.counters(id).tokenRefreshes).toBe(1);
    expect(emu.admin.counters(id).apiCalls).toBe(2);
  });

  test('invalid_grant on that refresh surfaces as ReauthRequired', async () => {
    const id = account();
    emu.admin.setFaults({ invalidGrant: true }, id);
    emu.admin.expireAccessTokens(id);
    const error = await client()
      .getMe(id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthRequired);
    expect((error as ReauthRequired).accountId).toBe(id);
  });
});

describe('429 → Retry-After per account, capped', () => {
  test('a short Retry-After is waited out (injected sleep) and the call retried', async () => {
    const id = account();
    emu.admin.setFaults({ retryAfterSec: 2, rateLimitCount: 1 }, id);
    expect((await client().getMe(id)).id).toBe(id);
    expect(sleeps).toEqual([2000]);
    expect(emu.admin.counters(id).status429).toBe(1);
  });

  test('beyond the cap: RateLimited with the retry time, no sleep; the account then fails fast without calling Spotify', async () => {
    const id = account();
    const c = client({ maxRetryAfterMs: 60_000 });
    emu.admin.setFaults({ retryAfterSec: 3600 }, id);
    const error = (await c.getMe(id).catch((e: unknown) => e)) as RateLimited;
    expect(error).toBeInstanceOf(RateLimited);
    expect(error.retryAt.getTime()).toBe(emu.admin.now() + 3600_000);
    expect(error.quotaExceeded).toBe(false);
    expect(sleeps).toEqual([]);
    const calls = emu.admin.counters(id).apiCalls;
    await expect(c.getMe(id)).rejects.toBeInstanceOf(RateLimited);
    expect(emu.admin.counters(id).apiCalls).toBe(calls);
    expect(c.rateLimitedUntil(id)?.getTime()).toBe(emu.admin.now() + 3600_000);
  });

  test('QUOTA_EXCEEDED is reported on RateLimited', async () => {
    const id = account();
    emu.admin.setFaults({ retryAfterSec: 86_400, quotaExceeded: true }, id);
    await expect(client().getMe(id)).rejects.toMatchObject({ constructor: RateLimited, quotaExceeded: true, retryAfterSeconds: 86_400 });
  });

  test('a 1-hour Retry-After on one account does not delay another', async () => {
    const slow = account();
    const fast = account();
    // sleeps never resolve until released: the slow account is parked on its Retry-After
    const parked: Array<{ ms: number; release: () => void }> = [];
    const c = client({
      maxRetryAfterMs: 2 * 3600_000,
      sleep: (ms) => new Promise<void>((release) => parked.push({ ms, release })),
    });
    emu.admin.setFaults({ retryAfterSec: 3600, rateLimitCount: 1 }, slow);
    let slowDone = false;
    const slowCall = c.getMe(slow).then((me) => {
      slowDone = true;
      return me;
    });
    while (parked.length === 0) await new Promise((r) => setImmediate(r));
    expect(parked[0].ms).toBe(3600_000);
    // the other account goes straight through while the first one waits
    expect((await c.getMe(fast)).id).toBe(fast);
    expect((await c.getRecentlyPlayed(fast)).items).toEqual([]);
    expect(slowDone).toBe(false);
    parked[0].release();
    expect((await slowCall).id).toBe(slow);
  });
});

describe('429 as real ones often are: empty body, no Retry-After', () => {
  const bare = { emptyRateLimitBody: true, omitRetryAfter: true, retryAfterSec: 1 };

  test('an empty 429 without Retry-After waits the default (5 s) for that account, then the call goes through', async () => {
    const id = account();
    emu.admin.setFaults({ ...bare, rateLimitCount: 1 }, id);
    expect((await client().getMe(id)).id).toBe(id);
    expect(sleeps).toEqual([5000]);
    expect(emu.admin.counters(id).status429).toBe(1);
  });

  test('such 429s in a row double the default wait up to its ceiling; a success starts over', async () => {
    const id = account();
    const c = client({ maxRetryAfterMs: 60_000, maxRateLimitRetries: 10, maxDefaultRetryAfterMs: 30_000 });
    emu.admin.setFaults({ ...bare, rateLimitCount: 5 }, id);
    expect((await c.getMe(id)).id).toBe(id);
    expect(sleeps).toEqual([5000, 10_000, 20_000, 30_000, 30_000]);
    sleeps.length = 0;
    emu.admin.setFaults({ ...bare, rateLimitCount: 1 }, id);
    expect((await c.getMe(id)).id).toBe(id);
    expect(sleeps).toEqual([5000]);
  });

  test('a default wait beyond the cap is RateLimited (no sleep), and another account is not held back', async () => {
    const slow = account();
    const fast = account();
    const c = client({ maxRetryAfterMs: 2000 });
    emu.admin.setFaults(bare, slow);
    const error = (await c.getMe(slow).catch((e: unknown) => e)) as RateLimited;
    expect(error).toBeInstanceOf(RateLimited);
    expect(error.retryAt.getTime()).toBe(emu.admin.now() + 5000);
    expect(error.quotaExceeded).toBe(false);
    expect((await c.getMe(fast)).id).toBe(fast);
    expect(sleeps).toEqual([]);
  });

  test('an empty 429 with Retry-After: the header is honoured', async () => {
    const id = account();
    emu.admin.setFaults({ emptyRateLimitBody: true, retryAfterSec: 3, rateLimitCount: 1 }, id);
    expect((await client().getMe(id)).id).toBe(id);
    expect(sleeps).toEqual([3000]);
  });
});

describe('5xx and timeouts → exponential back-off with jitter, bounded', () => {
  test('transient 5xx are retried with growing delays', async () => {
    const id = account();
    emu.admin.setFaults({ failNext: 3 }, id);
    expect((await client({ random: () => 0.5 }).getMe(id)).id).toBe(id);
    // base 500 ms, doubling, equal jitter (random 0.5 → 75 % of the step)
    expect(sleeps).toEqual([375, 750, 1500]);
  });

  test('jitter: delays stay within [step/2, step]', async () => {
    const id = account();
    emu.admin.setFaults({ failNext: 2 }, id);
    await client({ random: () => 0.999 }).getMe(id);
    emu.admin.setFaults({ failNext: 2 }, id);
    await client({ random: () => 0 }).getMe(id);
    expect(sleeps).toEqual([500, 1000, 250, 500]);
  });

  test('after maxAttempts: SpotifyUnavailable', async () => {
    const id = account();
    emu.admin.setFaults({ errorRate: 1, errorStatuses: [503] }, id);
    const error = (await client({ maxAttempts: 3 })
      .getMe(id)
      .catch((e: unknown) => e)) as SpotifyUnavailable;
    expect(error).toBeInstanceOf(SpotifyUnavailable);
    expect(error.status).toBe(503);
    expect(emu.admin.counters(id).status5xx).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  test('a request that hangs times out and is retried', async () => {
    const id = account();
    emu.admin.setFaults({ hangNext: 1 }, id);
    expect((await client({ timeoutMs: 200 }).getMe(id)).id).toBe(id);
    expect(emu.admin.counters(id).hangs).toBe(1);
    expect(sleeps).toHaveLength(1);
  });
});

describe('recently-played pagination', () => {
  function plays(id: string, k: number): number[] {
    const ts = emu.world.catalog.tracks.slice(0, k);
    const base = emu.admin.now() - (k + 1) * 300_000;
    const starts = ts.map((_, i) => base + i * 300_000 + 457);
    const added = emu.admin.addPlays(
      id,
      ts.map((t, i) => ({ trackId: t.id, playedAt: starts[i], msPlayed: Math.min(t.durationMs, 290_000) })),
    );
    // what recently-played lists: the end of each listen (or seconds before it)
    return added.map((p) => p.reportedAtMs);
  }

  test('after in full milliseconds (exclusive), following next backwards', async () => {
    const id = account();
    const at = plays(id, 20);
    const r = await client().recentlyPlayedSince(id, at[9], { limit: 3 });
    expect(r.items.map((i) => Date.parse(i.played_at))).toEqual(at.slice(10).reverse());
    expect(r.newestMs).toBe(at[19]);
    expect(r.calls).toBe(4);
    const again = await client().recentlyPlayedSince(id, r.newestMs);
    expect(again.items).toEqual([]);
    expect(again.newestMs).toBe(at[19]);
  });

  test('without a cursor: everything Spotify still lists (the last 50)', async () => {
    const id = account();
    const at = plays(id, 70);
    const r = await client().recentlyPlayedSince(id, undefined, { limit: 20 });
    expect(r.items).toHaveLength(50);
    expect(Date.parse(r.items[49].played_at)).toBe(at[20]);
  });
});

describe('batch endpoints', () => {
  test('403 on the batch endpoint → one id per call, remembered', async () => {
    const id = account();
    const ids = emu.world.catalog.tracks.slice(0, 3).map((t) => t.id);
    const c = client();
    const first = await c.getTracks(id, ids);
    expect(first.map((t) => t?.id)).toEqual(ids);
    expect(c.batchSupport('tracks')).toBe(false);
    const again = await c.getTracks(id, [...ids, '0000000000000000000000']);
    expect(again.map((t) => t?.id ?? null)).toEqual([...ids, null]);
    const counters = emu.admin.counters(id);
    expect(counters.batchCalls).toBe(1);
    expect(counters.trackCalls).toBe(7);
  });

  test('batches are used when they work (extended quota), 50 ids at most per call', async () => {
    emu.admin.configure({ devMode: false });
    const id = account();
    const ids = emu.world.catalog.artists.slice(0, 60).map((a) => a.id);
    const c = client();
    const artists = await c.getArtists(id, ids);
    expect(artists.map((a) => a?.id)).toEqual(ids);
    expect(c.batchSupport('artists')).toBe(true);
    expect(emu.admin.counters(id).batchCalls).toBe(2);
    expect(emu.admin.counters(id).artistCalls).toBe(0);
  });

  test('a 403 that is not about the endpoint (user not allow-listed) is not remembered as "batch removed"', async () => {
    const id = account();
    emu.admin.setAllowListed(id, false);
    const c = client();
    await expect(
      c.getTracks(
        id,
        emu.world.catalog.tracks.slice(0, 2).map((t) => t.id),
      ),
    ).rejects.toMatchObject({ status: 403 });
    expect(c.batchSupport('tracks')).toBeUndefined();
  });
});

describe('accounts helper', () => {
  test('PKCE: authorize URL, code exchange, refresh', async () => {
    const id = account();
    const pkce = createPkcePair();
    const pkceAccounts = createSpotifyAccountsClient({ accountsUrl: emu.accountsUrl, clientId: emu.clientId });
    const url = new URL(
      pkceAccounts.authorizeUrl({
        redirectUri: REDIRECT,
        state: 's1',
        scope: ['user-read-recently-played'],
        codeChallenge: pkce.challenge,
      }),
    );
    url.searchParams.set('emulator_user', id);
    const res = await fetch(url, { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const set = await pkceAccounts.exchangeCode({ code, redirectUri: REDIRECT, codeVerifier: pkce.verifier });
    expect(set).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 3600,
      scope: 'user-read-recently-played',
      refreshToken: expect.any(String),
    });
    const refreshed = await pkceAccounts.refresh(set.refreshToken!);
    expect(refreshed.accessToken).toBeTruthy();
    expect(refreshed.refreshToken).toBeUndefined();
  });

  test('refresh as Spotify answers now (the emulator default): no refreshToken in the result, the old one keeps working', async () => {
    const id = account();
    const refresh = tokens.tokens.get(id)!.refresh;
    expect((await accounts.refresh(refresh)).refreshToken).toBeUndefined();
    expect((await accounts.refresh(refresh)).accessToken).toBeTruthy();
  });

  test('refresh with rotation (still possible): the new refreshToken is returned', async () => {
    emu.admin.configure({ refreshMode: 'rotate' });
    const id = account();
    const r = await accounts.refresh(tokens.tokens.get(id)!.refresh);
    expect(r.refreshToken).toEqual(expect.any(String));
    expect(r.refreshToken).not.toBe(tokens.tokens.get(id)!.refresh);
  });

  test('invalid_grant → ReauthRequired; invalid_client → SpotifyAuthError', async () => {
    await expect(accounts.refresh('not-a-token', { accountId: 'x' })).rejects.toBeInstanceOf(ReauthRequired);
    const bad = createSpotifyAccountsClient({ accountsUrl: emu.accountsUrl, clientId: emu.clientId, clientSecret: 'wrong' });
    await expect(bad.refresh('whatever', { pkce: false })).rejects.toMatchObject({ constructor: SpotifyAuthError, code: 'invalid_client' });
  });

  test('refreshTokenExpiresAt(consent) is the instant Spotify starts answering "Refresh token expired"', async () => {
    const id = account(); // consents now (simulated clock)
    const dies = refreshTokenExpiresAt(new Date(emu.admin.now()));
    const refresh = tokens.tokens.get(id)!.refresh;
    emu.admin.advanceTo(dies.getTime() - 1);
    expect((await accounts.refresh(refresh, { accountId: id })).accessToken).toBeTruthy();
    emu.admin.advance(1);
    await expect(accounts.refresh(refresh, { accountId: id })).rejects.toMatchObject({
      constructor: ReauthRequired,
      accountId: id,
      reason: 'Refresh token expired',
    });
  });

  test('token endpoint 5xx → back-off then success', async () => {
    const id = account();
    emu.admin.setFaults({ target: 'accounts', failNext: 2 }, id);
    const r = await accounts.refresh(tokens.tokens.get(id)!.refresh, { accountId: id });
    expect(r.accessToken).toBeTruthy();
    expect(emu.admin.counters(id).status5xx).toBe(2);
  });
});

describe('SpotifyModule', () => {
  test('provides SpotifyClient and SpotifyAccountsClient through Nest', async () => {
    const id = account();
    const moduleRef = await Test.createTestingModule({
      imports: [
        SpotifyModule.forRoot({
          client: { apiUrl: emu.apiUrl },
          accounts: { accountsUrl: emu.accountsUrl, clientId: emu.clientId, clientSecret: emu.clientSecret },
          tokenProvider: { provide: SPOTIFY_TOKEN_PROVIDER, useValue: tokens },
        }),
      ],
    }).compile();
    const c = moduleRef.get(SpotifyClient);
    expect((await c.getMe(id)).id).toBe(id);
    expect(moduleRef.get(SpotifyClient)).toBe(c);
    await moduleRef.close();
  });
});
