import type { Catalog, CatalogAlbum, CatalogArtist, CatalogTrack } from './catalog';

/**
 * Web API objects as Spotify serialises them. In development mode the fields Spotify
 * removed in February 2026 (popularity, available_markets, linked_from, label, followers)
 * are absent; in extended-quota mode they are present.
 */
const MARKETS = ['DE', 'FR', 'GB', 'US', 'SE'];

export function simplifiedArtist(api: string, a: CatalogArtist) {
  return {
    external_urls: { spotify: `https://open.spotify.com/artist/${a.id}` },
    href: `${api}/artists/${a.id}`,
    id: a.id,
    name: a.name,
    type: 'artist' as const,
    uri: `spotify:artist:${a.id}`,
  };
}

export function fullArtist(api: string, a: CatalogArtist, devMode: boolean) {
  const out: Record<string, unknown> = { ...simplifiedArtist(api, a), images: a.images };
  if (a.genres !== undefined) out.genres = a.genres; // deprecated: may be empty or missing
  if (!devMode) {
    out.followers = { href: null, total: a.followers };
    out.popularity = a.popularity;
  }
  return out;
}

export function simplifiedAlbum(api: string, catalog: Catalog, al: CatalogAlbum, devMode: boolean) {
  const out: Record<string, unknown> = {
    album_type: al.albumType,
    total_tracks: al.totalTracks,
    external_urls: { spotify: `https://open.spotify.com/album/${al.id}` },
    href: `${api}/albums/${al.id}`,
    id: al.id,
    images: al.images,
    name: al.name,
    release_date: al.releaseDate,
    release_date_precision: al.releaseDatePrecision,
    type: 'album',
    uri: `spotify:album:${al.id}`,
    artists: al.artistIndexes.map((i) => simplifiedArtist(api, catalog.artists[i])),
    is_playable: true,
  };
  if (!devMode) {
    out.available_markets = MARKETS;
    out.label = al.label;
    out.popularity = Math.min(100, al.totalTracks * 7);
  }
  return out;
}

export function fullTrack(api: string, catalog: Catalog, t: CatalogTrack, devMode: boolean) {
  const out: Record<string, unknown> = {
    album: simplifiedAlbum(api, catalog, catalog.albums[t.albumIndex], devMode),
    artists: t.artistIndexes.map((i) => simplifiedArtist(api, catalog.artists[i])),
    disc_number: t.discNumber,
    duration_ms: t.durationMs,
    explicit: t.explicit,
    external_ids: { isrc: t.isrc },
    external_urls: { spotify: `https://open.spotify.com/track/${t.id}` },
    href: `${api}/tracks/${t.id}`,
    id: t.id,
    is_playable: true,
    name: t.name,
    preview_url: null,
    track_number: t.trackNumber,
    type: 'track',
    uri: `spotify:track:${t.id}`,
    is_local: false,
  };
  if (!devMode) {
    out.available_markets = MARKETS;
    out.popularity = t.popularity;
  }
  return out;
}
