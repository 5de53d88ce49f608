import { ADJ, FIRST, GENRES, LABELS, NOUN, VERB, artistName, trackName } from './catalog-names';
import { Rng } from './rng';

/** Internal catalog records. The Web API objects are built from these in web-objects.ts. */
export interface CatalogImage {
  url: string;
  height: number;
  width: number;
}

export interface CatalogArtist {
  index: number;
  id: string;
  name: string;
  /** `undefined` means the (deprecated) field is missing from the API response altogether. */
  genres: string[] | undefined;
  images: CatalogImage[];
  popularity: number;
  followers: number;
  albumIndexes: number[];
  /** every track the artist is credited on (own albums first) */
  trackIndexes: number[];
}

export interface CatalogAlbum {
  index: number;
  id: string;
  name: string;
  albumType: 'album' | 'single' | 'compilation';
  releaseDate: string;
  releaseDatePrecision: 'year' | 'month' | 'day';
  totalTracks: number;
  images: CatalogImage[];
  artistIndexes: number[];
  label: string;
  trackIndexes: number[];
}

export interface CatalogTrack {
  index: number;
  id: string;
  name: string;
  durationMs: number;
  explicit: boolean;
  discNumber: number;
  trackNumber: number;
  isrc: string;
  albumIndex: number;
  /** first = primary artist */
  artistIndexes: number[];
  popularity: number;
}

export interface CatalogEpisode {
  index: number;
  id: string;
  name: string;
  durationMs: number;
  showIndex: number;
}

export interface CatalogShow {
  index: number;
  id: string;
  name: string;
  publisher: string;
  episodeIndexes: number[];
}

export interface Catalog {
  seed: string;
  artists: CatalogArtist[];
  albums: CatalogAlbum[];
  tracks: CatalogTrack[];
  shows: CatalogShow[];
  episodes: CatalogEpisode[];
  artistById: Map<string, CatalogArtist>;
  albumById: Map<string, CatalogAlbum>;
  trackById: Map<string, CatalogTrack>;
}

export interface CatalogOptions {
  /** number of artists (default 1500) */
  artists?: number;
  /** number of podcast shows (default 12) */
  shows?: number;
}

function images(rng: Rng, kind: 'album' | 'artist'): CatalogImage[] {
  const key = rng.hex(24);
  const prefix = kind === 'album' ? 'ab67616d0000' : 'ab6761610000';
  return [
    { url: `https://i.scdn.co/image/${prefix}b273${key}`, height: 640, width: 640 },
    { url: `https://i.scdn.co/image/${prefix}1e02${key}`, height: 300, width: 300 },
    { url: `https://i.scdn.co/image/${prefix}4851${key}`, height: 64, width: 64 },
  ];
}

/** Build the deterministic catalog for a seed. ~60k tracks for the default size, in well under a second. */
export function buildCatalog(seed: string | number, options: CatalogOptions = {}): Catalog {
  const seedStr = String(seed);
  const rng = new Rng('catalog', seedStr);
  const artistCount = options.artists ?? 1500;
  const artists: CatalogArtist[] = [];
  const albums: CatalogAlbum[] = [];
  const tracks: CatalogTrack[] = [];

  for (let i = 0; i < artistCount; i++) {
    const g = rng.next();
    let genres: string[] | undefined;
    if (g < 0.08)
      genres = []; // no genres (empty array)
    else if (g < 0.12)
      genres = undefined; // deprecated field missing
    else {
      const n = rng.int(1, 4);
      const set = new Set<string>();
      for (let k = 0; k < n; k++) set.add(rng.pick(GENRES));
      genres = [...set];
    }
    artists.push({
      index: i,
      id: rng.base62(),
      name: artistName(rng, i),
      genres,
      images: rng.chance(0.95) ? images(rng, 'artist') : [],
      popularity: rng.int(5, 95),
      followers: rng.int(10, 5_000_000),
      albumIndexes: [],
      trackIndexes: [],
    });
  }

  let isrcSeq = 0;
  for (const artist of artists) {
    const albumCount = rng.int(1, 5);
    for (let a = 0; a < albumCount; a++) {
      const typeRoll = rng.next();
      const albumType: CatalogAlbum['albumType'] = typeRoll < 0.6 ? 'album' : typeRoll < 0.95 ? 'single' : 'compilation';
      const n = albumType === 'single' ? rng.int(1, 3) : rng.int(6, 14);
      const year = rng.int(1962, 2026);
      const month = rng.int(1, 12);
      const day = rng.int(1, 28);
      const p = rng.next();
      const releaseDatePrecision: CatalogAlbum['releaseDatePrecision'] = p < 0.1 ? 'year' : p < 0.18 ? 'month' : 'day';
      const releaseDate =
        releaseDatePrecision === 'year'
          ? String(year)
          : releaseDatePrecision === 'month'
            ? `${year}-${String(month).padStart(2, '0')}`
            : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const albumArtists = [artist.index];
      if (rng.chance(0.05)) albumArtists.push(rng.int(0, artistCount - 1));
      const album: CatalogAlbum = {
        index: albums.length,
        id: rng.base62(),
        name: albumType === 'single' ? '' : `${rng.pick(ADJ)} ${rng.pick(NOUN)}${rng.chance(0.1) ? ' (Deluxe Edition)' : ''}`,
        albumType,
        releaseDate,
        releaseDatePrecision,
        totalTracks: n,
        images: images(rng, 'album'),
        artistIndexes: [...new Set(albumArtists)],
        label: rng.pick(LABELS),
        trackIndexes: [],
      };
      albums.push(album);
      artist.albumIndexes.push(album.index);
      for (let t = 0; t < n; t++) {
        const credited = [...album.artistIndexes];
        // multiple credited artists on some tracks (features)
        if (rng.chance(0.12)) credited.push(rng.int(0, artistCount - 1));
        if (rng.chance(0.03)) credited.push(rng.int(0, artistCount - 1));
        const track: CatalogTrack = {
          index: tracks.length,
          id: rng.base62(),
          name: trackName(rng),
          durationMs: Math.max(45_000, Math.min(900_000, Math.round(rng.normal(215_000, 55_000)))),
          explicit: rng.chance(0.15),
          discNumber: n > 12 && t >= n / 2 ? 2 : 1,
          trackNumber: n > 12 && t >= n / 2 ? t - Math.ceil(n / 2) + 1 : t + 1,
          isrc: `QZEMU${String(year % 100).padStart(2, '0')}${String(++isrcSeq).padStart(5, '0').slice(-5)}`,
          albumIndex: album.index,
          artistIndexes: [...new Set(credited)],
          popularity: rng.int(0, 100),
        };
        if (albumType === 'single' && t === 0) album.name = track.name;
        tracks.push(track);
        album.trackIndexes.push(track.index);
        for (const ai of track.artistIndexes) artists[ai].trackIndexes.push(track.index);
      }
    }
  }

  const shows: CatalogShow[] = [];
  const episodes: CatalogEpisode[] = [];
  const showCount = options.shows ?? 12;
  for (let s = 0; s < showCount; s++) {
    const show: CatalogShow = {
      index: s,
      id: rng.base62(),
      name: `The ${rng.pick(ADJ)} ${rng.pick(NOUN)} Podcast`,
      publisher: `${rng.pick(FIRST)} Media`,
      episodeIndexes: [],
    };
    shows.push(show);
    for (let e = 0; e < 40; e++) {
      const ep: CatalogEpisode = {
        index: episodes.length,
        id: rng.base62(),
        name: `#${e + 1}: ${rng.pick(VERB)} the ${rng.pick(NOUN)}`,
        durationMs: rng.int(15, 95) * 60_000 + rng.int(0, 59_999),
        showIndex: s,
      };
      episodes.push(ep);
      show.episodeIndexes.push(ep.index);
    }
  }

  return {
    seed: seedStr,
    artists,
    albums,
    tracks,
    shows,
    episodes,
    artistById: new Map(artists.map((a) => [a.id, a])),
    albumById: new Map(albums.map((a) => [a.id, a])),
    trackById: new Map(tracks.map((t) => [t.id, t])),
  };
}
