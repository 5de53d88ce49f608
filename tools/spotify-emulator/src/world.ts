import { randomBytes } from 'node:crypto';
import { buildCatalog, type Catalog } from './catalog';
import { Rng, hashUnit } from './rng';
import { DAY_MS, ListenGenerator, buildProfile, isExposed, reportedAtMs, type Listen } from './listens';
import {
  ACCESS_TOKEN_LIFETIME_S,
  DEFAULT_NOW,
  RECENTLY_PLAYED_WINDOW,
  defaultAccountId,
  emptyCounters,
  toMs,
  type AccessTokenRecord,
  type AuthCodeRecord,
  type FaultConfig,
  type Listener,
  type ListenerCounters,
  type ListenerSpec,
  type PlayInput,
  type RefreshTokenRecord,
  type TruthPlay,
  type WorldOptions,
} from './world-types';

/**
 * The simulated Spotify: catalog, listeners and their plays, tokens, faults and counters.
 * The HTTP server (server.ts) is a thin layer over this object.
 */
export class World {
  readonly seed: string;
  readonly catalog: Catalog;
  devMode: boolean;
  private offsetMs = 0;
  private readonly baseMs: number;
  private readonly realStart = Date.now();
  private readonly realTime: boolean;
  readonly listeners = new Map<string, Listener>();
  readonly allowList = new Set<string>();
  globalFaults: FaultConfig = {};
  readonly globalCounters = emptyCounters();
  private readonly globalFaultRng: Rng;
  readonly globalWindowHits: number[] = [];
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly authCodes = new Map<string, AuthCodeRecord>();
  /** the user "logged in" in the emulated browser (who approves the consent page) */
  browserUser: string | undefined;

  constructor(options: WorldOptions = {}) {
    this.seed = String(options.seed ?? 42);
    this.catalog = buildCatalog(this.seed, options.catalog);
    this.devMode = options.devMode ?? true;
    this.baseMs = options.now === undefined ? DEFAULT_NOW : toMs(options.now);
    this.realTime = options.realTime ?? false;
    this.globalFaultRng = new Rng('faults', this.seed, '*');
  }

  // ---- clock -------------------------------------------------------------------------

  now(): number {
    return this.baseMs + this.offsetMs + (this.realTime ? Date.now() - this.realStart : 0);
  }

  /** Move the simulated clock forward; plays up to the new time come into existence. */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new Error('advance: ms must be >= 0');
    this.offsetMs += ms;
    return this.now();
  }

  /** Move the simulated clock to an instant (never backwards). */
  advanceTo(at: Date | string | number): number {
    const target = toMs(at);
    return this.advance(Math.max(0, target - this.now()));
  }

  // ---- listeners ---------------------------------------------------------------------

  addListener(spec: ListenerSpec = {}): Listener {
    const id = spec.id ?? `listener-${this.listeners.size + 1}`;
    if (this.listeners.has(id)) throw new Error(`listener ${id} exists`);
    const now = this.now();
    const start = spec.historyStart !== undefined ? toMs(spec.historyStart) : now - (spec.historyDays ?? 30) * DAY_MS;
    const profile = buildProfile(this.catalog, id, start, spec.habits);
    const listener: Listener = {
      id,
      accountId: spec.accountId ?? defaultAccountId(id),
      displayName: spec.displayName ?? `Emulated ${id}`,
      profile,
      generate: spec.generate ?? true,
      generator: new ListenGenerator(this.catalog, profile),
      listens: [],
      nextSeq: 10_000_000,
      faults: {},
      counters: emptyCounters(),
      faultRng: new Rng('faults', this.seed, id),
      windowHits: [],
    };
    this.listeners.set(id, listener);
    if (spec.allowListed ?? this.allowList.size < 5) this.setAllowListed(id, true);
    if (this.browserUser === undefined) this.browserUser = id;
    return listener;
  }

  getListener(id: string): Listener {
    const l = this.listeners.get(id);
    if (!l) throw new Error(`unknown listener ${id}`);
    return l;
  }

  /** Development mode allows at most 5 users. */
  setAllowListed(id: string, allowed: boolean): void {
    this.getListener(id);
    if (!allowed) {
      this.allowList.delete(id);
      return;
    }
    if (!this.allowList.has(id) && this.allowList.size >= 5) throw new Error('the development-mode allow-list holds 5 users at most');
    this.allowList.add(id);
  }

  /** Generate synthetic listens up to the current simulated time (whole local days at a time). */
  private materialize(l: Listener): void {
    if (!l.generate) return;
    const now = this.now();
    let added = false;
    while (l.generator.nextDayStartMs <= now) {
      const day = l.generator.nextDay();
      if (day.length) {
        for (const x of day) l.listens.push(x);
        added = true;
      }
    }
    if (added) this.sortIfNeeded(l);
  }

  private sortIfNeeded(l: Listener): void {
    for (let i = 1; i < l.listens.length; i++) {
      if (l.listens[i - 1].startMs > l.listens[i].startMs) {
        l.listens.sort((a, b) => a.startMs - b.startMs || a.seq - b.seq);
        return;
      }
    }
  }

  addPlays(listenerId: string, plays: PlayInput[]): TruthPlay[] {
    const l = this.getListener(listenerId);
    this.materialize(l);
    const added: Listen[] = [];
    for (const p of plays) {
      const track = this.catalog.trackById.get(p.trackId);
      if (!track) throw new Error(`unknown track ${p.trackId}`);
      const start = toMs(p.playedAt);
      const ms = p.msPlayed ?? track.durationMs;
      const listen: Listen = {
        seq: l.nextSeq++,
        kind: 'track',
        itemIndex: track.index,
        startMs: start,
        msPlayed: ms,
        endMs: start + ms,
        incognito: p.private ?? false,
        shuffle: false,
        skipped: ms < track.durationMs,
        offline: false,
        offlineTimestamp: null,
        reasonStart: 'clickrow',
        reasonEnd: ms < track.durationMs ? 'fwdbtn' : 'trackdone',
        platform: p.platform ?? 'web_player',
        country: l.profile.habits.country,
        context: null,
      };
      l.listens.push(listen);
      added.push(listen);
    }
    this.sortIfNeeded(l);
    return added.map((x) => this.truth(x));
  }

  /** All listens that have ended by now (the current track is not included until it ends). */
  endedListens(listenerId: string): Listen[] {
    const l = this.getListener(listenerId);
    this.materialize(l);
    const now = this.now();
    return l.listens.filter((x) => x.endMs <= now);
  }

  truth(x: Listen): TruthPlay {
    return {
      seq: x.seq,
      kind: x.kind,
      trackId: x.kind === 'track' ? this.catalog.tracks[x.itemIndex].id : null,
      episodeId: x.kind === 'episode' ? this.catalog.episodes[x.itemIndex].id : null,
      playedAt: new Date(x.startMs).toISOString(),
      playedAtMs: x.startMs,
      endedAtMs: x.endMs,
      reportedAt: new Date(reportedAtMs(x)).toISOString(),
      reportedAtMs: reportedAtMs(x),
      msPlayed: x.msPlayed,
      incognito: x.incognito,
      exposed: isExposed(x),
    };
  }

  /**
   * Ground truth: every listen that has ended by now, oldest first. With `exposedOnly`,
   * only what Spotify exposes (music, >= 30 s, not private) — the plays Rewind must end up with.
   */
  groundTruth(listenerId: string, options: { exposedOnly?: boolean } = {}): TruthPlay[] {
    return this.endedListens(listenerId)
      .filter((x) => !options.exposedOnly || isExposed(x))
      .map((x) => this.truth(x));
  }

  /** The listen currently playing, if any. */
  currentlyPlaying(listenerId: string): Listen | undefined {
    const l = this.getListener(listenerId);
    this.materialize(l);
    const now = this.now();
    return l.listens.find((x) => x.startMs <= now && x.endMs > now);
  }

  effectiveFaults(listenerId: string | undefined): FaultConfig {
    if (!listenerId) return this.globalFaults;
    const l = this.listeners.get(listenerId);
    return l ? { ...this.globalFaults, ...l.faults } : this.globalFaults;
  }

  /**
   * The last 50 plays Spotify lists for the listener right now, newest first. Honours the late
   * and missing faults; decisions are hashed from the seed and the listen, so they are stable.
   */
  recentWindow(listenerId: string): Listen[] {
    const l = this.getListener(listenerId);
    this.materialize(l);
    const now = this.now();
    const faults = this.effectiveFaults(listenerId);
    const out: Listen[] = [];
    for (let i = l.listens.length - 1; i >= 0 && out.length < RECENTLY_PLAYED_WINDOW; i--) {
      const x = l.listens[i];
      if (x.endMs > now || !isExposed(x)) continue;
      if (faults.missingRate && hashUnit(this.seed, 'missing', l.id, x.seq) < faults.missingRate) continue;
      if (faults.lateMs && hashUnit(this.seed, 'late', l.id, x.seq) < (faults.lateRate ?? 1) && x.endMs + faults.lateMs > now) continue;
      out.push(x);
    }
    return out;
  }

  // ---- tokens ------------------------------------------------------------------------

  issueAccessToken(listenerId: string, clientId: string, scope: string): AccessTokenRecord {
    const faults = this.effectiveFaults(listenerId);
    const ttl = faults.accessTokenTtlSec ?? ACCESS_TOKEN_LIFETIME_S;
    const rec: AccessTokenRecord = {
      token: `BQ${randomBytes(30).toString('base64url')}`,
      listenerId,
      clientId,
      scope,
      expiresAtMs: this.now() + ttl * 1000,
    };
    this.accessTokens.set(rec.token, rec);
    return rec;
  }

  issueRefreshToken(listenerId: string, clientId: string, scope: string, consentAtMs: number, pkce: boolean): RefreshTokenRecord {
    const rec: RefreshTokenRecord = {
      token: `AQ${randomBytes(40).toString('base64url')}`,
      listenerId,
      clientId,
      scope,
      consentAtMs,
      revoked: false,
      pkce,
    };
    this.refreshTokens.set(rec.token, rec);
    return rec;
  }

  /** Make every access token of a listener (or of everyone) expire now. */
  expireAccessTokens(listenerId?: string): number {
    let n = 0;
    const now = this.now();
    for (const rec of this.accessTokens.values()) {
      if (!listenerId || rec.listenerId === listenerId) {
        rec.expiresAtMs = Math.min(rec.expiresAtMs, now);
        n++;
      }
    }
    return n;
  }

  revokeRefreshTokens(listenerId?: string): number {
    let n = 0;
    for (const rec of this.refreshTokens.values()) {
      if (!listenerId || rec.listenerId === listenerId) {
        rec.revoked = true;
        n++;
      }
    }
    return n;
  }

  counters(listenerId: string): ListenerCounters {
    return this.getListener(listenerId).counters;
  }

  resetCounters(): void {
    Object.assign(this.globalCounters, emptyCounters());
    for (const l of this.listeners.values()) l.counters = emptyCounters();
  }

  faultRng(listenerId: string | undefined): Rng {
    return (listenerId && this.listeners.get(listenerId)?.faultRng) || this.globalFaultRng;
  }
}
