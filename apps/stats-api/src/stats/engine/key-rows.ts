import type { AlbumRefDto, ArtistRefDto, TopAlbumDto, TopArtistDto, TopGenreDto, TopTrackDto } from '../dto/stats-responses.dto';
import { minutesOf } from '../stats-range';
import { Catalog } from './catalog';
import { CatalogDetails } from './catalog-details';
import type { KeyTotal } from './key-queries';

/**
 * Ranked keys (ids of the catalog's dictionaries, in rank order) as the rows answers show: names,
 * images, credited artists and albums. Every list of artists, tracks, albums or genres is made
 * here (top lists, an artist's top tracks, search results, on this day), so they all look alike.
 * Reads only the catalog (append-only), never the play log: safe after an await.
 */
export class KeyRows {
  constructor(
    private readonly catalog: Catalog,
    private readonly details: CatalogDetails,
  ) {}

  async artists(top: KeyTotal[]): Promise<TopArtistDto[]> {
    const { artists, artistIds } = this.catalog;
    const images = await this.details.get(
      'artist',
      top.map((t) => artistIds[t.key]),
    );
    return top.map((t, i) => ({
      rank: i + 1,
      artistId: artists.keys[t.key],
      name: artists.names[t.key],
      plays: t.plays,
      minutes: minutesOf(t.ms),
      imageUrl: images.get(artistIds[t.key] ?? '')?.imageUrl ?? null,
    }));
  }

  /** Credited artists of tracks (by track key id): the catalog's credits, else the play's primary artist. */
  async trackArtists(tracks: number[]): Promise<ArtistRefDto[][]> {
    const { catalog } = this;
    const credits = await this.details.get(
      'track',
      tracks.map((t) => catalog.trackFacts[t].trackId),
    );
    return tracks.map((t) => {
      const { trackId, artist } = catalog.trackFacts[t];
      const credited = trackId === null ? undefined : credits.get(trackId)?.artists;
      return credited && credited.length ? credited : [{ id: catalog.artists.keys[artist], name: catalog.artists.names[artist] }];
    });
  }

  albumRef(album: number): AlbumRefDto | null {
    const { albums } = this.catalog;
    return album < 0 ? null : { id: albums.keys[album], name: albums.names[album] };
  }

  async tracks(top: KeyTotal[]): Promise<TopTrackDto[]> {
    const { tracks, trackFacts } = this.catalog;
    const artists = await this.trackArtists(top.map((t) => t.key));
    return top.map((t, i) => ({
      rank: i + 1,
      trackId: tracks.keys[t.key],
      name: tracks.names[t.key],
      artists: artists[i],
      album: this.albumRef(trackFacts[t.key].album),
      plays: t.plays,
      minutes: minutesOf(t.ms),
    }));
  }

  async albums(top: KeyTotal[]): Promise<TopAlbumDto[]> {
    const { albums, albumIds, albumArtistNames } = this.catalog;
    const details = await this.details.get(
      'album',
      top.map((t) => albumIds[t.key]),
    );
    return top.map((t, i) => {
      const detail = albumIds[t.key] === null ? null : details.get(albumIds[t.key]!);
      const artistName = albumArtistNames[t.key];
      return {
        rank: i + 1,
        albumId: albums.keys[t.key],
        name: albums.names[t.key],
        artists: detail && detail.artists.length ? detail.artists : [{ id: artistName, name: artistName }],
        plays: t.plays,
        minutes: minutesOf(t.ms),
        imageUrl: detail?.imageUrl ?? null,
      };
    });
  }

  genres(top: KeyTotal[]): TopGenreDto[] {
    const { genres } = this.catalog;
    return top.map((t, i) => ({ rank: i + 1, genre: genres.keys[t.key], plays: t.plays, minutes: minutesOf(t.ms) }));
  }

  /** An artist's image (null for a name-only artist or one without an image). */
  async artistImage(artist: number): Promise<string | null> {
    const id = this.catalog.artistIds[artist];
    return id === null ? null : ((await this.details.get('artist', [id])).get(id)?.imageUrl ?? null);
  }
}
