import { DayIndex, dayOf, Dimension, DIMENSIONS, EdgeKey, isoOf, KeyColumn } from './day-index';
import { edgesOf, PlayLog } from './play-log';

interface Play {
  day: number;
  at: number;
  hour: number;
  ms: number;
  track: string;
  artist: string;
  album: string | null;
  /** The primary artist has a Spotify id (its genres count). */
  hasArtistId: boolean;
}

/** Genres of the artists with a Spotify id; a4's plays come without one, so its genres never count. */
const GENRES: Record<string, string[]> = { a0: ['pop', 'rock'], a1: ['jazz'], a2: [], a3: ['pop', 'new wave'], a4: ['rock'] };
/** Genres the index's genre column holds ("new wave" is one added after the rollups were built). */
const KNOWN_GENRES = ['pop', 'rock', 'jazz'];

/** Plays on listening days from 2024-03-01, a few per hour, in played_at order; the index holds the columns edgesOf reads. */
function indexOf(rnd: (n: number) => number): { ix: DayIndex; plays: Play[] } {
  const plays: Play[] = [];
  for (let d = 0; d < 12; d += 1 + rnd(2)) {
    const day = dayOf('2024-03-01') + d;
    let at = day * 86_400_000 + rnd(3_600_000);
    for (let n = 0; n < 20 + rnd(30); n++) {
      at += 1 + rnd(3_000_000);
      if (at >= (day + 1) * 86_400_000) break;
      const artist = `a${rnd(5)}`;
      plays.push({
        day,
        at,
        hour: Math.floor((at % 86_400_000) / 3_600_000),
        ms: 1000 + rnd(300_000),
        track: `t${rnd(15)}`,
        artist,
        album: rnd(4) === 0 ? null : `al${rnd(6)}`,
        hasArtistId: artist !== 'a4',
      });
    }
  }
  const days = Int32Array.from(new Set(plays.map((p) => p.day)));
  const column = (keys: string[]) => ({ keys, ids: new Map(keys.map((k, i) => [k, i])) }) as unknown as KeyColumn;
  const keysOf = (f: (p: Play) => string | null) => [...new Set(plays.map(f).filter((k): k is string => k !== null))];
  const dims = {
    tracks: column(keysOf((p) => p.track)),
    artists: column(keysOf((p) => p.artist)),
    albums: column(keysOf((p) => p.album)),
    genres: column(KNOWN_GENRES),
  } as Record<Dimension, KeyColumn>;
  const unknownGenres = ['new wave'];
  const codes = dims.artists.keys.map((a) => (GENRES[a] ?? []).map((g) => dims.genres.ids.get(g) ?? -1 - unknownGenres.indexOf(g)));
  const genreStart = new Int32Array(codes.length + 1);
  codes.forEach((c, a) => (genreStart[a + 1] = genreStart[a] + c.length));
  const log: PlayLog = {
    start: Int32Array.from([...days, Infinity], (day) => plays.findIndex((p) => p.day >= day)).map((i) => (i < 0 ? plays.length : i)),
    at: Float64Array.from(plays, (p) => p.at),
    ms: Float64Array.from(plays, (p) => p.ms),
    hour: Uint8Array.from(plays, (p) => p.hour),
    track: Int32Array.from(plays, (p) => dims.tracks.ids.get(p.track)!),
    artist: Int32Array.from(plays, (p) => dims.artists.ids.get(p.artist)!),
    album: Int32Array.from(plays, (p) => (p.album === null ? -1 : dims.albums.ids.get(p.album)!)),
    genreArtist: Int32Array.from(plays, (p) => (p.hasArtistId ? dims.artists.ids.get(p.artist)! : -1)),
    genreStart,
    genre: Int32Array.from(codes.flat()),
    unknownGenres,
    ordered: true,
  };
  const weekday = Uint8Array.from(days, (day) => (new Date(day * 86_400_000).getUTCDay() + 6) % 7);
  return { ix: { days, weekday, dims, log } as unknown as DayIndex, plays };
}

/** The same sums computed plainly from the plays (the edge query of the SQL path, in JavaScript). */
function oracle(plays: Play[], edgeDays: number[], from: number | null, to: number | null) {
  const inside = plays.filter((p) => edgeDays.includes(p.day) && (from === null || p.at >= from) && (to === null || p.at < to));
  const sums = (keysOf: (p: Play) => string[]) => {
    const out = new Map<string, { key: string; plays: number; ms: number }>();
    for (const p of inside)
      for (const key of keysOf(p)) out.set(key, { key, plays: (out.get(key)?.plays ?? 0) + 1, ms: (out.get(key)?.ms ?? 0) + p.ms });
    return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  };
  const cells = new Map<string, { day: number; weekday: number; hour: number; plays: number; ms: number; first: number; last: number }>();
  for (const p of inside) {
    const c = cells.get(`${p.day}:${p.hour}`) ?? {
      day: p.day,
      weekday: (new Date(p.day * 86_400_000).getUTCDay() + 6) % 7,
      hour: p.hour,
      plays: 0,
      ms: 0,
      first: p.at,
      last: p.at,
    };
    cells.set(`${p.day}:${p.hour}`, {
      ...c,
      plays: c.plays + 1,
      ms: c.ms + p.ms,
      first: Math.min(c.first, p.at),
      last: Math.max(c.last, p.at),
    });
  }
  return {
    cells: [...cells.values()].sort((a, b) => a.day - b.day || a.hour - b.hour),
    keys: {
      tracks: sums((p) => [p.track]),
      artists: sums((p) => [p.artist]),
      albums: sums((p) => (p.album === null ? [] : [p.album])),
      genres: sums((p) => (p.hasArtistId ? (GENRES[p.artist] ?? []) : [])),
    },
  };
}

const byKey = (sums: EdgeKey[]) => sums.map(({ key, plays, ms }) => ({ key, plays, ms })).sort((a, b) => (a.key < b.key ? -1 : 1));

describe('edgesOf', () => {
  it('sums the plays of the edge days inside [from, to) per day and hour and per key, as the plain computation does', () => {
    let x = 7;
    const rnd = (n: number) => (x = (x * 1103515245 + 12345) % 2147483648) % n;
    const { ix, plays } = indexOf(rnd);
    for (let trial = 0; trial < 300; trial++) {
      const pick = () => plays[rnd(plays.length)].at + rnd(3) - 1;
      let [from, to]: Array<number | null> = [pick(), pick()].sort((a, b) => a - b);
      if (trial % 10 === 0) from = null;
      if (trial % 10 === 1) to = null;
      // Days of the bounds (as planRange makes them), sometimes one that holds no plays.
      const edgeDays = [from, to].filter((t): t is number => t !== null).map((t) => Math.floor(t / 86_400_000));
      if (trial % 7 === 0) edgeDays.push(dayOf('2024-02-01'));
      const got = edgesOf(ix, edgeDays, from, to, { cells: true, dims: DIMENSIONS });
      const want = oracle(plays, edgeDays, from, to);
      const where = `trial ${trial}: ${from} → ${to} on ${edgeDays.map(isoOf)}`;
      expect({ where, cells: [...got.cells!].sort((a, b) => a.day - b.day || a.hour - b.hour) }).toEqual({ where, cells: want.cells });
      for (const dim of DIMENSIONS) expect({ where, dim, sums: byKey(got.keys[dim]!) }).toEqual({ where, dim, sums: want.keys[dim] });
    }
  });

  it('gives each key the id of its column, and genres no daily row holds by name only', () => {
    let x = 3;
    const { ix } = indexOf((n) => (x = (x * 1103515245 + 12345) % 2147483648) % n);
    const got = edgesOf(ix, Array.from(ix.days), null, null, { dims: ['tracks', 'genres'] });
    for (const e of got.keys.tracks!) expect(ix.dims.tracks.keys[e.id!]).toBe(e.key);
    expect(got.keys.genres!.find((e) => e.key === 'new wave')!.id).toBeUndefined();
    expect(got.keys.genres!.find((e) => e.key === 'pop')!.id).toBe(ix.dims.genres.ids.get('pop'));
    expect(got.cells).toBeUndefined();
  });
});
