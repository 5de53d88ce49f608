import type { CatalogOptions } from './catalog';
import type { ListenerHabits } from './listens';
import type { World } from './world';

/** What a privacy export is generated from (generateExport, export.ts) and what it reports. */
export interface ExportOptions {
  /** the listener whose history is exported */
  listenerId: string;
  /** take the listener (profile, added plays) from a running world, history up to world.now() */
  world?: World;
  /** standalone generation: seed of the world (default 42) */
  seed?: string | number;
  /** standalone generation: stop after this many plays (docs/metrics.md plays); history is sized to end near `now` */
  plays?: number;
  /** standalone generation: days of history when `plays` is not given (default 365) */
  historyDays?: number;
  /**
   * standalone generation with `plays`: when the listener's usual rate needs more days than
   * this, they listen more each day (up to a heavy listener's day), then over more days
   * (default 15 years)
   */
  intensifyAfterDays?: number;
  /** standalone generation: end of history (default 2026-11-20T12:00:00Z) */
  now?: Date | string | number;
  habits?: Partial<ListenerHabits>;
  /** standalone generation: catalog size (default 1500 artists, 3000 above 200k plays) */
  catalog?: CatalogOptions;
  /** output: a .zip file, or a directory when `loose` is true */
  out: string;
  loose?: boolean;
  /**
   * 'extended' (default): Extended Streaming History as written since 2023; 'extended-2021': the
   * same as written in 2021 (endsong_N.json); 'account-data': Spotify Account Data (last year only)
   */
  format?: ExportFormat;
  /** rows per history file (default 15000; account data 10000) */
  rowsPerFile?: number;
  /** deflate level for the zip (default 1: fast; real exports use ~6) */
  compressionLevel?: number;
}

export const EXPORT_FORMATS = ['extended', 'extended-2021', 'account-data'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportSummary {
  listenerId: string;
  files: string[];
  /** rows written to audio (music + podcast) files */
  rows: number;
  /** rows that are plays per docs/metrics.md (track uri, >= 30 s, not incognito) */
  plays: number;
  podcastRows: number;
  /** account data: rows of StreamingHistory_audiobook_N files */
  audiobookRows: number;
  videoRows: number;
  incognitoRows: number;
  shortRows: number;
  nullUriRows: number;
  firstTs: string | null;
  lastTs: string | null;
  /** plays in the ground truth = played_at (ts − ms_played), ISO */
  firstPlayedAt: string | null;
  lastPlayedAt: string | null;
  /** bytes written: the zip, or the loose files */
  bytes: number;
  /** size of the files themselves (unzipped) */
  unpackedBytes: number;
  /** files that are not listening history (account data's playlists, user data, ...; PDFs) */
  otherFiles: string[];
}
