/** Spotify Web API and accounts-service objects, as Rewind reads them (see docs/spotify.md). */

export interface SpotifyImage {
  url: string;
  height: number | null;
  width: number | null;
}

export interface ExternalUrls {
  spotify?: string;
}

/** Simplified artist: no genres. */
export interface SpotifySimplifiedArtist {
  id: string;
  name: string;
  uri: string;
  href: string;
  external_urls: ExternalUrls;
  type: 'artist';
}

/** Full artist. `genres` is deprecated: it may be empty or missing. */
export interface SpotifyArtist extends SpotifySimplifiedArtist {
  genres?: string[];
  images: SpotifyImage[];
  /** absent for development-mode apps */
  popularity?: number;
  /** absent for development-mode apps */
  followers?: { href: string | null; total: number };
}

export type ReleaseDatePrecision = 'year' | 'month' | 'day';

export interface SpotifySimplifiedAlbum {
  id: string;
  name: string;
  album_type: 'album' | 'single' | 'compilation' | string;
  /** "1981", "1981-12" or "1981-12-07" according to release_date_precision */
  release_date: string;
  release_date_precision: ReleaseDatePrecision;
  total_tracks: number;
  images: SpotifyImage[];
  artists: SpotifySimplifiedArtist[];
  uri: string;
  href: string;
  external_urls: ExternalUrls;
  type?: 'album';
  /** absent for development-mode apps */
  label?: string;
  available_markets?: string[];
  popularity?: number;
}

/** Full track. */
export interface SpotifyTrack {
  id: string;
  name: string;
  uri: string;
  href?: string;
  duration_ms: number;
  explicit: boolean;
  disc_number: number;
  track_number: number;
  is_local: boolean;
  external_ids: { isrc?: string; ean?: string; upc?: string };
  external_urls: ExternalUrls;
  album: SpotifySimplifiedAlbum;
  artists: SpotifySimplifiedArtist[];
  type?: 'track';
  /** absent for development-mode apps */
  popularity?: number;
  available_markets?: string[];
  linked_from?: unknown;
}

export interface SpotifyContext {
  type: 'album' | 'artist' | 'playlist' | 'show' | string;
  uri: string;
  href: string;
  external_urls: ExternalUrls;
}

export interface SpotifyPlayHistoryItem {
  track: SpotifyTrack;
  /** ISO 8601 with milliseconds, e.g. "2026-11-20T08:01:02.345Z" */
  played_at: string;
  context: SpotifyContext | null;
}

/** GET /me/player/recently-played. Empty page: items [], next null, cursors null. No `total`. */
export interface SpotifyRecentlyPlayedPage {
  items: SpotifyPlayHistoryItem[];
  next: string | null;
  /** `after` = newest item's time, `before` = oldest's (Unix ms, as strings) */
  cursors: { after: string; before: string } | null;
  limit: number;
  href: string;
}

export interface SpotifyUser {
  /** the user name; it can change */
  id: string;
  /** the stable key of the account (added May 2026; absent from older answers) */
  account_id?: string;
  display_name: string | null;
  images: SpotifyImage[];
  uri: string;
  href?: string;
  external_urls?: ExternalUrls;
  type?: 'user';
  /** absent for development-mode apps */
  email?: string;
  country?: string;
  product?: string;
}

export interface SpotifyArtistsBatch {
  artists: Array<SpotifyArtist | null>;
}

export interface SpotifyTracksBatch {
  tracks: Array<SpotifyTrack | null>;
}

/** POST /api/token 200 body. A refresh response may or may not carry a new refresh_token. */
export interface SpotifyTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  refresh_token?: string;
}

/** Web API error body. */
export interface SpotifyApiErrorBody {
  error: { status: number; message: string; reason?: string };
}

/** Accounts-service error body. */
export interface SpotifyOAuthErrorBody {
  error: string;
  error_description?: string;
}
