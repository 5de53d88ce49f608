/**
 * The keys an account's plays name (tracks, primary artists, albums, genres), each given a dense id
 * so that the play log and the day blocks hold numbers. Append-only: successive states of an account
 * share one catalog, a later state only adds keys (an earlier state never reads ids it did not know).
 */
export const DIMENSIONS = ['tracks', 'artists', 'albums', 'genres'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export class KeyDictionary {
  readonly keys: string[] = [];
  /** The name an answer shows and ranking ties compare (the key when no name is known). */
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.keys.length;
  }

  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** The key's id, adding it (with `name`) when it is new. */
  add(key: string, name: string | null): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.names.push(name ?? key);
      this.ids.set(key, id);
    }
    return id;
  }
}

/** What an answer shows of a track besides its name: its Spotify id, primary artist and album (ids of their dictionaries). */
export interface TrackFacts {
  trackId: string | null;
  artist: number;
  album: number;
}

export class Catalog {
  readonly tracks = new KeyDictionary();
  readonly artists = new KeyDictionary();
  readonly albums = new KeyDictionary();
  readonly genres = new KeyDictionary();
  /** By track id: see TrackFacts (from the track's first play). */
  readonly trackFacts: TrackFacts[] = [];
  /** By artist id: Spotify artist id (null for a name-only artist) and genre ids. */
  readonly artistIds: Array<string | null> = [];
  readonly artistGenres: number[][] = [];
  /** By album id: Spotify album id, and the artist name of its first play (shown when the album has no credits). */
  readonly albumIds: Array<string | null> = [];
  readonly albumArtistNames: string[] = [];

  dictionary(dim: Dimension): KeyDictionary {
    return this[dim];
  }

  addArtist(key: string, name: string, artistId: string | null): number {
    const id = this.artists.add(key, name);
    if (id === this.artistIds.length) {
      this.artistIds.push(artistId);
      this.artistGenres.push([]);
    }
    return id;
  }

  addAlbum(key: string, name: string | null, albumId: string | null, artistName: string): number {
    const id = this.albums.add(key, name);
    if (id === this.albumIds.length) {
      this.albumIds.push(albumId);
      this.albumArtistNames.push(artistName);
    }
    return id;
  }

  addTrack(key: string, name: string | null, facts: TrackFacts): number {
    const id = this.tracks.add(key, name);
    if (id === this.trackFacts.length) this.trackFacts.push(facts);
    return id;
  }

  /** Genres of artists by Spotify artist id (a play counts once toward each genre of its primary artist). */
  setGenres(genresByArtistId: Map<string, string[]>): void {
    this.artistIds.forEach((artistId, artist) => {
      const genres = artistId === null ? undefined : genresByArtistId.get(artistId);
      if (genres) this.artistGenres[artist] = genres.map((g) => this.genres.add(g, g));
    });
  }
}
