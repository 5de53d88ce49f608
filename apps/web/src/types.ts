// Response shapes of the public REST API (ARCHITECTURE.md §4) that the dashboard reads.

export type Measure = 'plays' | 'minutes';

export interface Summary {
  plays: number;
  minutes: number;
  distinctTracks: number;
  distinctArtists: number;
  distinctAlbums: number;
  firstPlayedAt: string | null;
  lastPlayedAt: string | null;
}

export interface Ref {
  id: string;
  name: string;
}

export interface TopArtist {
  rank: number;
  artistId: string;
  name: string;
  plays: number;
  minutes: number;
  imageUrl: string | null;
}

export interface TopTrack {
  rank: number;
  trackId: string;
  name: string;
  artists: Ref[];
  album: Ref | null;
  plays: number;
  minutes: number;
}

export interface TopAlbum {
  rank: number;
  albumId: string;
  name: string;
  artists: Ref[];
  plays: number;
  minutes: number;
  imageUrl: string | null;
}

export interface TopGenre {
  rank: number;
  genre: string;
  plays: number;
  minutes: number;
}

export type Bucket = 'day' | 'week' | 'month' | 'year' | 'weekday' | 'hour';

export interface ActivityBucket {
  bucket: string | number;
  plays: number;
  minutes: number;
}

export interface HeatmapCell {
  weekday: number;
  hour: number;
  plays: number;
  minutes: number;
}

export interface RecentPlay {
  playedAt: string;
  trackId: string;
  name: string | null;
  artists: Ref[];
  album: Ref | null;
  minutes: number;
  source: string;
}

export interface Discovery {
  artistId: string;
  name: string;
  firstPlayedAt: string;
  imageUrl: string | null;
}

export interface Streak {
  days: number;
  from: string | null;
  to: string | null;
}

export interface Streaks {
  current: number;
  longest: Streak;
}

export interface Session {
  rank: number;
  start: string;
  end: string;
  plays: number;
  distinctTracks: number;
  minutes: number;
}

export interface Wrapped {
  year: number;
  timeZone: string;
  totals: Summary;
  listeningDays: number;
  topArtists: TopArtist[];
  topTracks: TopTrack[];
  topAlbums: TopAlbum[];
  topGenres: TopGenre[];
  busiestDay: { date: string; plays: number; minutes: number } | null;
  busiestHourOfWeek: HeatmapCell | null;
  hourOfWeek: HeatmapCell[];
  discoveries: { artists: number; tracks: number; firstArtists: Discovery[] };
  longestStreak: Streak;
  longestSession: Session | null;
}

export type AccountStatus = 'active' | 'reauth_required' | 'disabled';

export interface Account {
  id: string;
  spotifyUserId: string;
  displayName: string | null;
  status: AccountStatus;
  tokenExpiresAt: string | null;
  lastRefreshAt: string | null;
  statusReason?: string | null;
  label?: string | null;
  isDemo?: boolean;
  /** IANA zone of the listener; null until the dashboard (or PATCH) sets it */
  timeZone?: string | null;
  /** when Spotify stops accepting the refresh token (consent + 6 months) */
  refreshTokenExpiresAt?: string | null;
}

export interface IngestRun {
  id: string;
  accountId: string | null;
  trigger?: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  fetched: number;
  inserted: number;
  duplicates: number;
  error: string | null;
  gap?: { from: string; to: string; covered: boolean; message: string } | null;
}

export interface ImportStatus {
  id: string;
  accountId: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  files: Array<{ name: string; bytes: number; format?: string }>;
  rowsRead: number;
  playsInserted: number;
  duplicates: number;
  skipped: { short: number; incognito: number; podcast: number; invalid: number };
  progress: number;
  error: string | null;
  createdAt?: string;
  finishedAt?: string | null;
}

export interface TransformModel {
  name: string;
  version: string;
  materialization: string;
  dependsOn: string[];
  lastRun: { runId: string; status: string; rows: number | null; durationMs: number | null; finishedAt: string | null } | null;
}

export interface SystemHealth {
  status: 'ok' | 'degraded' | 'down';
  services: Record<string, { status: string; reason?: string }>;
  database: { status: string; reason?: string };
}
