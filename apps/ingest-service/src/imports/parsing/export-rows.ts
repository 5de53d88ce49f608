import type { DirectPlays } from '../direct-plays';
import { NotHistoryError } from './import-error';

/** What a history file holds, decided from its first row's keys (names only hint). */
export type ExportFormat = 'extended' | 'account_music' | 'account_podcast' | 'account_audiobook';

export const MIN_PLAY_MS = 30_000;
export const MAX_INVALID_REASONS = 10;

export interface ImportCounts {
  rowsRead: number;
  /** Rows staged as music plays (before dedupe against what is stored). */
  plays: number;
  short: number;
  incognito: number;
  podcast: number;
  invalid: number;
  invalidReasons: string[];
}

export function emptyCounts(): ImportCounts {
  return { rowsRead: 0, plays: 0, short: 0, incognito: 0, podcast: 0, invalid: 0, invalidReasons: [] };
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value in PostgreSQL COPY text format. */
function cp(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function cb(value: boolean | null | undefined): string {
  return value === true ? 't' : value === false ? 'f' : '\\N';
}

function cn(value: number | null | undefined): string {
  return value === null || value === undefined ? '\\N' : String(value);
}

const KEYS_EXTENDED = ['ts', 'ms_played'];
const EXTENDED_HINTS = [
  'spotify_track_uri',
  'master_metadata_track_name',
  'spotify_episode_uri',
  'episode_name',
  'audiobook_uri',
  'reason_start',
  'conn_country',
];

export function detectFormat(first: unknown, label: string): ExportFormat {
  if (first === null || typeof first !== 'object' || Array.isArray(first)) {
    throw new NotHistoryError(
      `${label} has the wrong shape: its rows are ${Array.isArray(first) ? 'arrays' : first === null ? 'null' : typeof first}, not streaming-history objects`,
    );
  }
  const row = first as Record<string, unknown>;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(row, k);
  if (KEYS_EXTENDED.every(has) && EXTENDED_HINTS.some(has)) return 'extended';
  if (has('endTime') && has('msPlayed')) {
    if (has('trackName') || has('artistName')) return 'account_music';
    if (has('podcastName') || has('episodeName')) return 'account_podcast';
    if (has('audiobookName') || has('chapterName')) return 'account_audiobook';
  }
  const keys = Object.keys(row).slice(0, 8).join(', ');
  throw new NotHistoryError(
    `${label} has the wrong shape: it is not a Spotify streaming history (its first row has the keys ${keys || '(none)'}; expected ts, ms_played, spotify_track_uri, ... or endTime, msPlayed, trackName, ...)`,
  );
}

const TRACK_URI = /^spotify:track:([0-9A-Za-z]{22})$/;
const ACCOUNT_END_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
const ISO_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

type Row = Record<string, unknown>;

/**
 * Turns rows of one history file into staging lines (COPY text format), applying the
 * rules of docs/metrics.md and counting every row by the reason it was kept or not.
 */
export class ExportRowProcessor {
  private rowInFile = 0;
  /** The first wrong field of the current row. */
  private bad: string | null = null;

  constructor(
    private readonly format: ExportFormat,
    private readonly label: string,
    private readonly counts: ImportCounts,
    /** `video` when the file is a Streaming_History_Video file. */
    private readonly episodeKind: 'podcast' | 'video',
    private readonly nextOrd: () => number,
    /** Set on an account's first import: its extended-history plays go straight to raw.plays. */
    private readonly direct?: DirectPlays,
  ) {}

  private invalid(reason: string): null {
    this.counts.invalid++;
    if (this.counts.invalidReasons.length < MAX_INVALID_REASONS)
      this.counts.invalidReasons.push(`${this.label} row ${this.rowInFile}: ${reason}`);
    return null;
  }

  /** Returns the staging line for the row, or null when the row is only counted. */
  process(value: unknown): string | null {
    this.rowInFile++;
    this.counts.rowsRead++;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.invalid(`expected an object, got ${show(value)}`);
    const row = value as Row;
    this.bad = null;
    switch (this.format) {
      case 'extended':
        return this.extended(row);
      case 'account_music':
        return this.accountMusic(row);
      case 'account_podcast':
        return this.accountPodcast(row);
      case 'account_audiobook':
        return this.accountAudiobook(row);
    }
  }

  private str(row: Row, key: string): string | null {
    const v = row[key];
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v;
    this.bad ??= `${key} is ${show(v)}, expected a string or null`;
    return null;
  }

  private bool(row: Row, key: string): boolean | null {
    const v = row[key];
    if (v === null || v === undefined) return null;
    if (typeof v === 'boolean') return v;
    this.bad ??= `${key} is ${show(v)}, expected true, false or null`;
    return null;
  }

  private extended(row: Row): string | null {
    const ts = row.ts;
    if (typeof ts !== 'string' || !ISO_TS.test(ts))
      return this.invalid(`ts is ${show(ts)}, expected a UTC date-time like "2024-03-01T18:22:05Z"`);
    const end = Date.parse(ts);
    if (Number.isNaN(end)) return this.invalid(`ts is ${show(ts)}, not a valid date-time`);
    const ms = row.ms_played;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 2_147_483_647)
      return this.invalid(`ms_played is ${show(ms)}, expected a non-negative integer`);
    const uri = this.str(row, 'spotify_track_uri');
    const incognito = this.bool(row, 'incognito_mode');
    const trackName = this.str(row, 'master_metadata_track_name');
    const artistName = this.str(row, 'master_metadata_album_artist_name');
    const albumName = this.str(row, 'master_metadata_album_album_name');
    const reasonStart = this.str(row, 'reason_start');
    const reasonEnd = this.str(row, 'reason_end');
    const platform = this.str(row, 'platform');
    const country = this.str(row, 'conn_country');
    const shuffle = this.bool(row, 'shuffle');
    const skipped = this.bool(row, 'skipped');
    const offline = this.bool(row, 'offline');
    if (this.bad) return this.invalid(this.bad);
    const offlineTs = row.offline_timestamp;
    let offlineMs: number | null = null;
    if (offlineTs !== null && offlineTs !== undefined) {
      if (typeof offlineTs !== 'number' || !Number.isFinite(offlineTs) || offlineTs < 0)
        return this.invalid(`offline_timestamp is ${show(offlineTs)}, expected a number or null`);
      // Seconds or milliseconds, depending on the export's age.
      offlineMs = offlineTs > 100_000_000_000 ? Math.round(offlineTs) : Math.round(offlineTs * 1000);
      if (offlineMs === 0) offlineMs = null;
    }
    const playedMs = end - ms;

    if (uri !== null) {
      const m = TRACK_URI.exec(uri);
      if (!m) return this.invalid(`spotify_track_uri is ${show(uri)}, expected "spotify:track:<22-character id>"`);
      if (incognito === true) {
        this.counts.incognito++;
        return null;
      }
      if (ms < MIN_PLAY_MS) {
        this.counts.short++;
        return null;
      }
      this.counts.plays++;
      if (this.direct) {
        const rest = `${cp(trackName)}\t${cp(artistName)}\t${cp(albumName)}\t${cp(reasonStart)}\t${cp(reasonEnd)}\t${cb(shuffle)}\t${cb(skipped)}\t${cb(offline)}\t${offlineMs === null ? '\\N' : new Date(offlineMs).toISOString()}\t${cp(platform)}\t${cp(country)}`;
        this.direct.add({ trackId: m[1], trackName, playedMs, msPlayed: ms, rest });
        return null;
      }
      return `${this.nextOrd()}\tplay\textended_history\t${playedMs}\t${ms}\t${m[1]}\t${cp(trackName)}\t${cp(artistName)}\t${cp(albumName)}\t${cp(reasonStart)}\t${cp(reasonEnd)}\t${cb(shuffle)}\t${cb(skipped)}\t${cb(offline)}\t${cn(offlineMs)}\t${cp(platform)}\t${cp(country)}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n`;
    }

    const episodeUri = this.str(row, 'spotify_episode_uri');
    const episodeName = this.str(row, 'episode_name');
    const showName = this.str(row, 'episode_show_name');
    const bookTitle = this.str(row, 'audiobook_title');
    const bookUri = this.str(row, 'audiobook_uri');
    const chapterTitle = this.str(row, 'audiobook_chapter_title');
    const chapterUri = this.str(row, 'audiobook_chapter_uri');
    if (this.bad) return this.invalid(this.bad);
    const isBook = bookUri !== null || chapterUri !== null || bookTitle !== null;
    const isEpisode = episodeUri !== null || episodeName !== null || showName !== null;
    if (!isBook && !isEpisode) {
      return this.invalid(
        trackName !== null
          ? 'spotify_track_uri is null (a local file or a track no longer on Spotify)'
          : 'neither a track nor an episode nor an audiobook',
      );
    }
    // Podcasts, audiobooks and videos are kept apart and never counted as music plays.
    this.counts.podcast++;
    if (incognito === true) return null;
    const kind = isBook ? 'audiobook' : this.episodeKind;
    return `${this.nextOrd()}\t${kind}\textended_history\t${playedMs}\t${ms}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t${cp(platform)}\t\\N\t${cp(showName)}\t${cp(episodeName)}\t${cp(episodeUri)}\t${cp(bookTitle)}\t${cp(bookUri)}\t${cp(chapterTitle)}\t${cp(chapterUri)}\n`;
  }

  private accountEnd(row: Row): number | null {
    const endTime = row.endTime;
    const m = typeof endTime === 'string' ? ACCOUNT_END_TIME.exec(endTime) : null;
    if (!m) {
      this.invalid(`endTime is ${show(endTime)}, expected "YYYY-MM-DD HH:MM" (UTC)`);
      return null;
    }
    const end = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    if (Number.isNaN(end) || +m[2] > 12 || +m[4] > 23 || +m[5] > 59) {
      this.invalid(`endTime is ${show(endTime)}, not a valid date-time`);
      return null;
    }
    return end;
  }

  private accountMs(row: Row): number | null {
    const ms = row.msPlayed;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 2_147_483_647) {
      this.invalid(`msPlayed is ${show(ms)}, expected a non-negative integer`);
      return null;
    }
    return ms;
  }

  private accountMusic(row: Row): string | null {
    const end = this.accountEnd(row);
    if (end === null) return null;
    const ms = this.accountMs(row);
    if (ms === null) return null;
    const artistName = row.artistName;
    const trackName = row.trackName;
    if (typeof artistName !== 'string' || artistName === '')
      return this.invalid(`artistName is ${show(artistName)}, expected a non-empty string`);
    if (typeof trackName !== 'string' || trackName === '')
      return this.invalid(`trackName is ${show(trackName)}, expected a non-empty string`);
    if (ms < MIN_PLAY_MS) {
      this.counts.short++;
      return null;
    }
    this.counts.plays++;
    return `${this.nextOrd()}\tplay\taccount_data\t${end - ms}\t${ms}\t\\N\t${cp(trackName)}\t${cp(artistName)}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n`;
  }

  private accountPodcast(row: Row): string | null {
    const end = this.accountEnd(row);
    if (end === null) return null;
    const ms = this.accountMs(row);
    if (ms === null) return null;
    const showName = this.str(row, 'podcastName');
    const episodeName = this.str(row, 'episodeName');
    if (this.bad) return this.invalid(this.bad);
    this.counts.podcast++;
    return `${this.nextOrd()}\tpodcast\taccount_data\t${end - ms}\t${ms}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t${cp(showName)}\t${cp(episodeName)}\t\\N\t\\N\t\\N\t\\N\t\\N\n`;
  }

  /** Account-data audiobook row: endTime, audiobookName, chapterName, authorName, msPlayed (kept apart, never music). */
  private accountAudiobook(row: Row): string | null {
    const end = this.accountEnd(row);
    if (end === null) return null;
    const ms = this.accountMs(row);
    if (ms === null) return null;
    const title = this.str(row, 'audiobookName');
    const chapter = this.str(row, 'chapterName');
    if (this.bad) return this.invalid(this.bad);
    this.counts.podcast++;
    return `${this.nextOrd()}\taudiobook\taccount_data\t${end - ms}\t${ms}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t${cp(title)}\t\\N\t${cp(chapter)}\t\\N\n`;
  }
}
