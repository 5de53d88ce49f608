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
        // Listening time (docs/metrics.md, "Plays"): polled plays last min(track duration, time until the next play); imports ms_played.
        let ms: number;
        if (p.source === 'poll') {
          const candidates = [track?.duration_ms ?? null, i + 1 < mine.length ? mine[i + 1].played_at.getTime() - at : null].filter(
            (x): x is number => x !== null,
          );
          ms = candidates.length ? Math.min(...candidates) : 0;
        } else ms = p.ms_played ?? 0;
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
    const groups = this.group(this.inRange(account, r), (p) => p.artistKey).map((g) => ({ ...g, name: g.first.artistName }));
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
    const groups = this.group(this.inRange(account, r), (p) => p.trackKey).map((g) => ({ ...g, name: g.first.trackName ?? g.key }));
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
    const groups = this.group(this.inRange(account, r), (p) => p.albumKey).map((g) => ({ ...g, name: g.first.albumName ?? g.key }));
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
    const groups = new Map<string, { key: string; name: string; plays: number; ms: number }>();
    for (const p of this.inRange(account, r)) {
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
}
