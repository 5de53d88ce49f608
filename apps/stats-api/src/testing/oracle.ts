import { DateTime } from 'luxon';
import { Pool } from 'pg';

/**
 * A plain, obviously-correct implementation of docs/metrics.md over the raw tables, independent of
 * the marts: every play of an account in memory, everything computed by filtering and counting.
 */

interface RawPlay {
  account_id: string;
  played_at: Date;
  track_id: string | null;
  track_name: string | null;
  artist_name: string | null;
  album_name: string | null;
  ms_played: number | null;
  source: string;
}

export interface Play {
  at: number;
  source: string;
  trackId: string | null;
  trackKey: string;
  trackName: string | null;
  artistId: string | null;
  artistKey: string;
  artistName: string;
  albumId: string | null;
  albumKey: string | null;
  albumName: string | null;
  ms: number;
}

interface Ref {
  id: string;
  name: string;
}

export interface World {
  zones: Map<string, string>;
  plays: Map<string, Play[]>;
  artists: Map<string, { name: string; image: string | null; genres: string[] }>;
  albums: Map<string, { name: string; image: string | null; credits: Ref[] }>;
  trackCredits: Map<string, Ref[]>;
}

export async function loadWorld(pool: Pool): Promise<World> {
  const q = async <T>(sql: string) => (await pool.query(sql)).rows as T[];
  const accounts = await q<{ id: string; time_zone: string | null }>('select id, time_zone from auth.accounts');
  const artistRows = await q<{ id: string; name: string; image_url: string | null }>('select id, name, image_url from raw.artists');
  const genreRows = await q<{ artist_id: string; genre: string }>('select artist_id, genre from raw.artist_genres');
  const albumRows = await q<{ id: string; name: string; image_url: string | null }>('select id, name, image_url from raw.albums');
  const albumArtists = await q<{ album_id: string; position: number; artist_id: string }>(
    'select album_id, position, artist_id from raw.album_artists',
  );
  const tracks = await q<{ id: string; name: string; album_id: string | null; duration_ms: number | null }>(
    'select id, name, album_id, duration_ms from raw.tracks',
  );
  const trackArtists = await q<{ track_id: string; position: number; artist_id: string }>(
    'select track_id, position, artist_id from raw.track_artists',
  );
  const raw = await q<RawPlay>(
    'select account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source from raw.plays',
  );

  const artists = new Map(
    artistRows.map((a) => [
      a.id,
      { name: a.name, image: a.image_url, genres: genreRows.filter((g) => g.artist_id === a.id).map((g) => g.genre) },
    ]),
  );
  const credits = (rows: Array<{ position: number; artist_id: string }>): Ref[] =>
    [...rows]
      .sort((x, y) => x.position - y.position)
      .map((x) => ({ id: x.artist_id, name: artists.get(x.artist_id)?.name ?? (null as unknown as string) }));
  const albums = new Map(
    albumRows.map((a) => [a.id, { name: a.name, image: a.image_url, credits: credits(albumArtists.filter((x) => x.album_id === a.id)) }]),
  );
  const trackMap = new Map(tracks.map((t) => [t.id, t]));
  const trackCredits = new Map(tracks.map((t) => [t.id, credits(trackArtists.filter((x) => x.track_id === t.id))]));

  const plays = new Map<string, Play[]>();
  for (const account of accounts) {
    const mine = raw.filter((p) => p.account_id === account.id).sort((a, b) => a.played_at.getTime() - b.played_at.getTime());
    plays.set(
      account.id,
      mine.map((p, i) => {
        const at = p.played_at.getTime();
        const track = p.track_id ? trackMap.get(p.track_id) : undefined;
        const primary = track ? trackCredits.get(track.id)![0] : undefined;
        // docs/metrics.md: listening time is the stored ms_played: the export's for imports; for polls
        // min(track duration, time since the previous play ended), taken from the end instant
        // Spotify gave when the play was polled. Polled plays stored before polls kept ms_played
        // (null) last min(track duration, time until the account's next play).
        let ms: number;
        if (p.ms_played !== null) ms = p.ms_played;
        else if (p.source === 'poll') {
          const candidates = [track?.duration_ms ?? null, i + 1 < mine.length ? mine[i + 1].played_at.getTime() - at : null].filter(
            (x): x is number => x !== null,
          );
          ms = candidates.length ? Math.min(...candidates) : 0;
        } else ms = 0;
        const nameKey = (...parts: Array<string | null>) => parts.filter((x) => x !== null).join(' - ');
        const albumNameKey = nameKey(p.artist_name, p.album_name);
        return {
          at,
          source: p.source,
          trackId: p.track_id,
          trackKey: p.track_id ?? nameKey(p.artist_name, p.track_name),
          trackName: track?.name ?? p.track_name,
          artistId: primary?.id ?? null,
          artistKey: primary?.id ?? p.artist_name ?? '(unknown artist)',
          artistName: (primary && artists.get(primary.id)?.name) ?? p.artist_name ?? '(unknown artist)',
          albumId: track?.album_id ?? null,
          albumKey: track?.album_id ?? (albumNameKey === (p.artist_name ?? '') ? null : albumNameKey),
          albumName: (track?.album_id ? albums.get(track.album_id)?.name : undefined) ?? p.album_name,
          ms,
        };
      }),
    );
  }
  return { zones: new Map(accounts.map((a) => [a.id, a.time_zone ?? 'UTC'])), plays, artists, albums, trackCredits };
}

export type EntityKind = 'artist' | 'track' | 'album' | 'genre';

export const minutes = (ms: number) => Math.round(ms / 600) / 100;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface Range {
  from: number | null;
  to: number | null;
  tz: string;
}

export class Oracle {
  constructor(private readonly world: World) {}

  inRange(account: string, r: Range): Play[] {
    return this.world.plays.get(account)!.filter((p) => (r.from === null || p.at >= r.from) && (r.to === null || p.at < r.to));
  }

  local(p: Play, tz: string) {
    return DateTime.fromMillis(p.at, { zone: tz });
  }

  summary(account: string, r: Range) {
    const ps = this.inRange(account, r);
    return {
      plays: ps.length,
      minutes: minutes(ps.reduce((s, p) => s + p.ms, 0)),
      distinctTracks: new Set(ps.map((p) => p.trackKey)).size,
      distinctArtists: new Set(ps.map((p) => p.artistKey)).size,
      distinctAlbums: new Set(ps.filter((p) => p.albumKey !== null).map((p) => p.albumKey)).size,
      firstPlayedAt: ps.length ? new Date(ps[0].at).toISOString() : null,
      lastPlayedAt: ps.length ? new Date(ps[ps.length - 1].at).toISOString() : null,
    };
  }

  private rank<T extends { plays: number; ms: number; name: string; key: string }>(groups: T[], by: string, limit: number): T[] {
    return groups
      .sort((a, b) => (by === 'minutes' ? b.ms - a.ms : b.plays - a.plays) || cmp(a.name, b.name) || cmp(a.key, b.key))
      .slice(0, limit);
  }

  private group(ps: Play[], key: (p: Play) => string | null) {
    const groups = new Map<string, { key: string; first: Play; plays: number; ms: number; name: string }>();
    for (const p of ps) {
      const k = key(p);
      if (k === null) continue;
      const g = groups.get(k) ?? { key: k, first: p, plays: 0, ms: 0, name: '' };
      g.plays++;
      g.ms += p.ms;
      groups.set(k, g);
    }
    return [...groups.values()];
  }

  topArtists(account: string, r: Range, by: string, limit: number) {
    return this.artistRows(this.inRange(account, r), by, limit);
  }

  /** Ranked rows of the plays `ps`. */
  artistRows(ps: Play[], by: string, limit: number) {
    const groups = this.group(ps, (p) => p.artistKey).map((g) => ({ ...g, name: g.first.artistName }));
    return this.rank(groups, by, limit).map((g, i) => ({
      rank: i + 1,
      artistId: g.key,
      name: g.name,
      plays: g.plays,
      minutes: minutes(g.ms),
      imageUrl: g.first.artistId ? (this.world.artists.get(g.first.artistId)?.image ?? null) : null,
    }));
  }

  topTracks(account: string, r: Range, by: string, limit: number) {
    return this.trackRows(this.inRange(account, r), by, limit);
  }

  /** Ranked rows of the plays `ps`. */
  trackRows(ps: Play[], by: string, limit: number) {
    const groups = this.group(ps, (p) => p.trackKey).map((g) => ({ ...g, name: g.first.trackName ?? g.key }));
    return this.rank(groups, by, limit).map((g, i) => ({
      rank: i + 1,
      trackId: g.key,
      name: g.name,
      artists: this.trackArtists(g.first),
      album: g.first.albumKey ? { id: g.first.albumKey, name: g.first.albumName ?? g.first.albumKey } : null,
      plays: g.plays,
      minutes: minutes(g.ms),
    }));
  }

  private trackArtists(p: Play) {
    const credits = p.trackId ? this.world.trackCredits.get(p.trackId) : undefined;
    return credits && credits.length ? credits : [{ id: p.artistKey, name: p.artistName }];
  }

  topAlbums(account: string, r: Range, by: string, limit: number) {
    return this.albumRows(this.inRange(account, r), by, limit);
  }

  /** Ranked rows of the plays `ps`. */
  albumRows(ps: Play[], by: string, limit: number) {
    const groups = this.group(ps, (p) => p.albumKey).map((g) => ({ ...g, name: g.first.albumName ?? g.key }));
    return this.rank(groups, by, limit).map((g, i) => {
      const album = g.first.albumId ? this.world.albums.get(g.first.albumId) : undefined;
      return {
        rank: i + 1,
        albumId: g.key,
        name: g.name,
        artists: album && album.credits.length ? album.credits : [{ id: g.first.artistName, name: g.first.artistName }],
        plays: g.plays,
        minutes: minutes(g.ms),
        imageUrl: album?.image ?? null,
      };
    });
  }

  topGenres(account: string, r: Range, by: string, limit: number) {
    return this.genreRows(this.inRange(account, r), by, limit);
  }

  /** Ranked rows of the plays `ps`. */
  genreRows(ps: Play[], by: string, limit: number) {
    const groups = new Map<string, { key: string; name: string; plays: number; ms: number }>();
    for (const p of ps) {
      for (const genre of p.artistId ? (this.world.artists.get(p.artistId)?.genres ?? []) : []) {
        const g = groups.get(genre) ?? { key: genre, name: genre, plays: 0, ms: 0 };
        g.plays++;
        g.ms += p.ms;
        groups.set(genre, g);
      }
    }
    return this.rank([...groups.values()], by, limit).map((g, i) => ({
      rank: i + 1,
      genre: g.key,
      plays: g.plays,
      minutes: minutes(g.ms),
    }));
  }

  activity(account: string, r: Range, bucket: string) {
    const label = (d: DateTime): string | number => {
      switch (bucket) {
        case 'day':
          return d.toFormat('yyyy-MM-dd');
        case 'week':
          return d
            .startOf('day')
            .minus({ days: d.weekday - 1 })
            .toFormat('yyyy-MM-dd');
        case 'month':
          return d.toFormat('yyyy-MM');
        case 'year':
          return d.toFormat('yyyy');
        case 'weekday':
          return d.weekday - 1;
        default:
          return d.hour;
      }
    };
    const buckets = new Map<string | number, { plays: number; ms: number }>();
    if (bucket === 'weekday' || bucket === 'hour')
      for (let b = 0; b < (bucket === 'weekday' ? 7 : 24); b++) buckets.set(b, { plays: 0, ms: 0 });
    for (const p of this.inRange(account, r)) {
      const k = label(this.local(p, r.tz));
      const b = buckets.get(k) ?? { plays: 0, ms: 0 };
      b.plays++;
      b.ms += p.ms;
      buckets.set(k, b);
    }
    return [...buckets.entries()]
      .sort((a, b) => (typeof a[0] === 'number' ? (a[0] as number) - (b[0] as number) : cmp(a[0] as string, b[0] as string)))
      .map(([k, b]) => ({ bucket: k, plays: b.plays, minutes: minutes(b.ms) }));
  }

  heatmap(account: string, r: Range) {
    const cells = Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, plays: 0, ms: 0 }));
    for (const p of this.inRange(account, r)) {
      const d = this.local(p, r.tz);
      const c = cells[(d.weekday - 1) * 24 + d.hour];
      c.plays++;
      c.ms += p.ms;
    }
    return cells.map((c) => ({ weekday: c.weekday, hour: c.hour, plays: c.plays, minutes: minutes(c.ms) }));
  }

  recent(account: string, r: Range, limit: number) {
    return this.inRange(account, r)
      .reverse()
      .slice(0, limit)
      .map((p) => ({
        playedAt: new Date(p.at).toISOString(),
        trackId: p.trackKey,
        name: p.trackName,
        artists: this.trackArtists(p),
        album: p.albumKey ? { id: p.albumKey, name: p.albumName ?? p.albumKey } : null,
        minutes: minutes(p.ms),
        source: p.source,
      }));
  }

  private firsts(account: string, key: (p: Play) => string): Map<string, Play> {
    const firsts = new Map<string, Play>();
    for (const p of this.world.plays.get(account)!) if (!firsts.has(key(p))) firsts.set(key(p), p);
    return firsts;
  }

  private inside = (r: Range, at: number) => (r.from === null || at >= r.from) && (r.to === null || at < r.to);

  discoveries(account: string, r: Range, limit: number) {
    return [...this.firsts(account, (p) => p.artistKey).entries()]
      .filter(([, p]) => this.inside(r, p.at))
      .sort((a, b) => a[1].at - b[1].at || cmp(a[0], b[0]))
      .slice(0, limit)
      .map(([key, p]) => ({
        artistId: key,
        name: p.artistName,
        firstPlayedAt: new Date(p.at).toISOString(),
        imageUrl: p.artistId ? (this.world.artists.get(p.artistId)?.image ?? null) : null,
      }));
  }

  listeningDays(account: string, r: Range): string[] {
    return [...new Set(this.inRange(account, r).map((p) => this.local(p, r.tz).toFormat('yyyy-MM-dd')))].sort();
  }

  streaks(account: string, r: Range, now = DateTime.now()) {
    const days = this.listeningDays(account, r);
    const runs: Array<{ days: number; from: string; to: string }> = [];
    for (const d of days) {
      const last = runs[runs.length - 1];
      if (last && DateTime.fromISO(last.to, { zone: 'UTC' }).plus({ days: 1 }).toISODate() === d) {
        last.days++;
        last.to = d;
      } else runs.push({ days: 1, from: d, to: d });
    }
    let longest: { days: number; from: string | null; to: string | null } = { days: 0, from: null, to: null };
    for (const run of runs) if (run.days > longest.days) longest = run;
    const today = now.setZone(r.tz).toISODate()!;
    const yesterday = now.setZone(r.tz).minus({ days: 1 }).toISODate()!;
    const last = runs[runs.length - 1];
    return { current: last && (last.to === today || last.to === yesterday) ? last.days : 0, longest: { ...longest } };
  }

  sessions(account: string, r: Range, limit: number) {
    const sessions: Array<{ start: number; end: number; plays: number; tracks: Set<string>; ms: number }> = [];
    let prevEnd: number | null = null;
    for (const p of this.world.plays.get(account)!) {
      const end = p.at + p.ms;
      if (prevEnd === null || p.at > prevEnd + 600_000) sessions.push({ start: p.at, end, plays: 0, tracks: new Set(), ms: 0 });
      const s = sessions[sessions.length - 1];
      s.plays++;
      s.tracks.add(p.trackKey);
      s.ms += p.ms;
      s.end = Math.max(s.end, end);
      prevEnd = end;
    }
    return sessions
      .filter((s) => this.inside(r, s.start))
      .sort((a, b) => b.ms - a.ms || a.start - b.start)
      .slice(0, limit)
      .map((s, i) => ({
        rank: i + 1,
        start: new Date(s.start).toISOString(),
        end: new Date(s.end).toISOString(),
        plays: s.plays,
        distinctTracks: s.tracks.size,
        minutes: minutes(s.ms),
      }));
  }

  wrapped(account: string, year: number, tz: string, by: string, limit: number) {
    const r: Range = {
      from: DateTime.fromObject({ year, month: 1, day: 1 }, { zone: tz }).toMillis(),
      to: DateTime.fromObject({ year: year + 1, month: 1, day: 1 }, { zone: tz }).toMillis(),
      tz,
    };
    const days = new Map<string, { plays: number; ms: number }>();
    for (const p of this.inRange(account, r)) {
      const d = this.local(p, tz).toFormat('yyyy-MM-dd');
      const day = days.get(d) ?? { plays: 0, ms: 0 };
      day.plays++;
      day.ms += p.ms;
      days.set(d, day);
    }
    let busiest: { date: string; plays: number; ms: number } | null = null;
    for (const [date, d] of [...days.entries()].sort((a, b) => cmp(a[0], b[0]))) {
      if (!busiest || (by === 'minutes' ? d.ms > busiest.ms : d.plays > busiest.plays)) busiest = { date, ...d };
    }
    const busiestDay = busiest ? { date: busiest.date, plays: busiest.plays, minutes: minutes(busiest.ms) } : null;
    const hourOfWeek = this.heatmap(account, r);
    let busiestHourOfWeek: (typeof hourOfWeek)[number] | null = null;
    for (const c of hourOfWeek)
      if (
        c.plays > 0 &&
        (!busiestHourOfWeek || (by === 'minutes' ? c.minutes > busiestHourOfWeek.minutes : c.plays > busiestHourOfWeek.plays))
      )
        busiestHourOfWeek = c;
    const artistFirsts = [...this.firsts(account, (p) => p.artistKey).values()].filter((p) => this.inside(r, p.at));
    const trackFirsts = [...this.firsts(account, (p) => p.trackKey).values()].filter((p) => this.inside(r, p.at));
    return {
      year,
      timeZone: tz,
      totals: this.summary(account, r),
      listeningDays: this.listeningDays(account, r).length,
      topArtists: this.topArtists(account, r, by, limit),
      topTracks: this.topTracks(account, r, by, limit),
      topAlbums: this.topAlbums(account, r, by, limit),
      topGenres: this.topGenres(account, r, by, limit),
      busiestDay,
      busiestHourOfWeek,
      hourOfWeek,
      discoveries: { artists: artistFirsts.length, tracks: trackFirsts.length, firstArtists: this.discoveries(account, r, limit) },
      longestStreak: this.streaks(account, r).longest,
      longestSession: this.sessions(account, r, 1)[0] ?? null,
    };
  }

  // Insights (issue #25): the same definitions over the raw plays, computed the plain way.

  /** The plays of one artist (track, album, genre) key, in instant order. */
  private playsOfKey(account: string, kind: EntityKind, key: string): Play[] {
    const genresOf = (p: Play) => (p.artistId ? (this.world.artists.get(p.artistId)?.genres ?? []) : []);
    const is: Record<EntityKind, (p: Play) => boolean> = {
      artist: (p) => p.artistKey === key,
      track: (p) => p.trackKey === key,
      album: (p) => p.albumKey === key,
      genre: (p) => genresOf(p).includes(key),
    };
    return this.world.plays.get(account)!.filter(is[kind]);
  }

  /** Rank of `key` in the range's full ranking of its kind (null when not played in it). */
  private rankOf(account: string, kind: EntityKind, key: string, r: Range, by: string): number | null {
    const ranking: Array<{ key: string }> = this.ranking(account, kind, r, by);
    const at = ranking.findIndex((x) => x.key === key);
    return at < 0 ? null : at + 1;
  }

  private ranking(
    account: string,
    kind: EntityKind,
    r: Range,
    by: string,
  ): Array<{ key: string; name: string; plays: number; ms: number }> {
    const ps = this.inRange(account, r);
    if (kind === 'genre') {
      const groups = new Map<string, { key: string; name: string; plays: number; ms: number }>();
      for (const p of ps)
        for (const genre of p.artistId ? (this.world.artists.get(p.artistId)?.genres ?? []) : []) {
          const g = groups.get(genre) ?? { key: genre, name: genre, plays: 0, ms: 0 };
          g.plays++;
          g.ms += p.ms;
          groups.set(genre, g);
        }
      return this.rank([...groups.values()], by, Infinity);
    }
    const keyOf = { artist: (p: Play) => p.artistKey, track: (p: Play) => p.trackKey, album: (p: Play) => p.albumKey }[kind];
    const nameOf = {
      artist: (p: Play) => p.artistName,
      track: (p: Play) => p.trackName ?? p.trackKey,
      album: (p: Play) => p.albumName ?? p.albumKey!,
    }[kind];
    return this.rank(
      this.group(ps, keyOf).map((g) => ({ ...g, name: nameOf(g.first) })),
      by,
      Infinity,
    ).map((g) => ({ key: g.key, name: g.name, plays: g.plays, ms: g.ms }));
  }

  /** GET /api/stats/{artists,tracks,albums,genres}/:key (null: the account never played it). */
  entity(account: string, kind: EntityKind, key: string, r: Range, by: string, limit: number) {
    const ever = this.playsOfKey(account, kind, key);
    if (ever.length === 0) return null;
    const ps = ever.filter((p) => this.inside(r, p.at));
    const byDay = r.from !== null && r.to !== null && r.to - r.from < 90 * 86_400_000;
    const buckets = new Map<string, { plays: number; ms: number }>();
    const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, plays: 0, ms: 0 }));
    for (const p of ps) {
      const local = this.local(p, r.tz);
      const label = local.toFormat(byDay ? 'yyyy-MM-dd' : 'yyyy-MM');
      const b = buckets.get(label) ?? { plays: 0, ms: 0 };
      b.plays++;
      b.ms += p.ms;
      buckets.set(label, b);
      hours[local.hour].plays++;
      hours[local.hour].ms += p.ms;
    }
    const first = ever[0];
    const base = {
      key,
      name: this.ranking(account, kind, { from: null, to: null, tz: 'UTC' }, by).find((x) => x.key === key)!.name,
      plays: ps.length,
      minutes: minutes(ps.reduce((s, p) => s + p.ms, 0)),
      rank: this.rankOf(account, kind, key, r, by),
      firstPlayedAt: new Date(first.at).toISOString(),
      lastPlayedAt: new Date(ever[ever.length - 1].at).toISOString(),
      activityBucket: byDay ? 'day' : 'month',
      activity: [...buckets.entries()]
        .sort((a, b) => cmp(a[0], b[0]))
        .map(([bucket, b]) => ({ bucket, plays: b.plays, minutes: minutes(b.ms) })),
      hours: hours.map((h) => ({ hour: h.hour, plays: h.plays, minutes: minutes(h.ms) })),
    };
    switch (kind) {
      case 'artist':
        return {
          ...base,
          imageUrl: first.artistId ? (this.world.artists.get(first.artistId)?.image ?? null) : null,
          genres: first.artistId ? [...(this.world.artists.get(first.artistId)?.genres ?? [])].sort(cmp) : [],
          topTracks: this.trackRows(ps, by, limit),
          topAlbums: this.albumRows(ps, by, limit),
        };
      case 'track':
        return {
          ...base,
          artists: this.trackArtists(first),
          album: first.albumKey ? { id: first.albumKey, name: first.albumName ?? first.albumKey } : null,
          longestStreak: this.longestRun([...new Set(ps.map((p) => this.local(p, r.tz).toFormat('yyyy-MM-dd')))].sort()),
        };
      case 'album': {
        const album = first.albumId ? this.world.albums.get(first.albumId) : undefined;
        return {
          ...base,
          artists: album && album.credits.length ? album.credits : [{ id: first.artistName, name: first.artistName }],
          imageUrl: album?.image ?? null,
          tracks: this.trackRows(ps, by, limit),
        };
      }
      default:
        return { ...base, topArtists: this.artistRows(ps, by, limit) };
    }
  }

  /** Longest run of consecutive ISO dates (ascending); ties: the earliest. */
  private longestRun(days: string[]) {
    let longest: { days: number; from: string | null; to: string | null } = { days: 0, from: null, to: null };
    let run: { days: number; from: string; to: string } | null = null;
    for (const d of days) {
      if (run && DateTime.fromISO(run.to, { zone: 'UTC' }).plus({ days: 1 }).toISODate() === d) {
        run.days++;
        run.to = d;
      } else run = { days: 1, from: d, to: d };
      if (run.days > longest.days) longest = { ...run };
    }
    return longest;
  }

  /** GET /api/stats/compare. */
  compare(account: string, kind: EntityKind, r: Range, previous: Range, by: string, limit: number) {
    const now = this.ranking(account, kind, r, by);
    const then = this.ranking(account, kind, previous, by);
    const totals = (range: Range) => {
      const ps = this.inRange(account, range);
      return { plays: ps.length, ms: ps.reduce((s, p) => s + p.ms, 0) };
    };
    const [a, b] = [totals(r), totals(previous)];
    return {
      items: now.slice(0, limit).map((x, i) => {
        const at = then.findIndex((y) => y.key === x.key);
        return {
          rank: i + 1,
          key: x.key,
          name: x.name,
          plays: x.plays,
          minutes: minutes(x.ms),
          previousRank: at < 0 ? null : at + 1,
          previousPlays: at < 0 ? 0 : then[at].plays,
          previousMinutes: at < 0 ? 0 : minutes(then[at].ms),
          movement: at < 0 ? null : at + 1 - (i + 1),
        };
      }),
      totals: { plays: a.plays, minutes: minutes(a.ms), previousPlays: b.plays, previousMinutes: minutes(b.ms) },
    };
  }

  /** GET /api/stats/search: names containing q, ignoring case and accents (decomposed, marks U+0300–U+036F dropped). */
  search(account: string, q: string, r: Range, by: string, limit: number) {
    const fold = (text: string) =>
      text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
    const needle = fold(q.trim());
    const ps = this.inRange(account, r);
    const pick = <T extends { name: string | null; rank: number }>(rows: T[]) =>
      rows
        .filter((x) => fold(x.name ?? '').includes(needle))
        .slice(0, limit)
        .map((x, i) => ({ ...x, rank: i + 1 }));
    return {
      artists: pick(this.artistRows(ps, by, Infinity)),
      tracks: pick(this.trackRows(ps, by, Infinity)),
      albums: pick(this.albumRows(ps, by, Infinity)),
    };
  }

  /** GET /api/stats/on-this-day: the same local month and day in each earlier year with plays, newest first. */
  onThisDay(account: string, date: string, tz: string, by: string, limit: number) {
    const [year, month, day] = date.split('-').map(Number);
    const years = [];
    for (let y = year - 1; y >= 1970; y--) {
      const start = DateTime.fromObject({ year: y, month, day }, { zone: tz });
      if (!start.isValid || start.day !== day) continue;
      const r = { from: start.toMillis(), to: start.plus({ days: 1 }).toMillis(), tz };
      const ps = this.inRange(account, r);
      if (!ps.length) continue;
      years.push({
        year: y,
        date: start.toISODate()!,
        plays: ps.length,
        minutes: minutes(ps.reduce((s, p) => s + p.ms, 0)),
        topArtists: this.artistRows(ps, by, limit),
        topTracks: this.trackRows(ps, by, limit),
      });
    }
    return { date, timeZone: tz, years };
  }

  /** GET /api/stats/forgotten: most played before `since` (ms), none from it on. */
  forgotten(account: string, kind: EntityKind, since: number, by: string, limit: number) {
    const recent = new Set(this.ranking(account, kind, { from: since, to: null, tz: 'UTC' }, by).map((x) => x.key));
    return this.ranking(account, kind, { from: null, to: since, tz: 'UTC' }, by)
      .filter((x) => !recent.has(x.key))
      .slice(0, limit)
      .map((x, i) => {
        const ever = this.playsOfKey(account, kind, x.key);
        return {
          rank: i + 1,
          key: x.key,
          name: x.name,
          plays: x.plays,
          minutes: minutes(x.ms),
          firstPlayedAt: new Date(ever[0].at).toISOString(),
          lastPlayedAt: new Date(ever[ever.length - 1].at).toISOString(),
        };
      });
  }
}
