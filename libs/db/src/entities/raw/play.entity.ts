import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** raw.plays.ended_at: played_at + ms_played, written with AT TIME ZONE 'UTC' so that it is immutable. */
export const PLAY_ENDED_AT_SQL = `(("played_at" AT TIME ZONE 'UTC') + coalesce("ms_played", 0) * interval '1 millisecond') AT TIME ZONE 'UTC'`;

export const PLAY_SOURCES = ['poll', 'extended_history', 'account_data'] as const;
export type PlaySource = (typeof PLAY_SOURCES)[number];

/**
 * One listen of a music track by one account at one instant (docs/metrics.md).
 * Imports may know a track only by URI, or (account data) only by names, so the
 * names travel with the play until enrichment fills in the catalog.
 */
@Entity({ schema: 'raw', name: 'plays' })
@Index('ix_plays_account_track', ['accountId', 'trackId'])
@Index('ix_plays_account_loaded_at', ['accountId', 'loadedAt'])
@Index('ix_plays_account_ended_at', ['accountId', 'endedAt'])
export class Play {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  /**
   * Start of the listen. Millisecond precision, never truncated. Polled plays: Spotify's
   * played_at (the end) minus the listening time; polled plays stored
   * before ms_played was kept for them hold Spotify's instant itself.
   */
  @PrimaryColumn({ name: 'played_at', type: 'timestamptz', precision: 3 })
  playedAt: Date;

  @Column({ name: 'track_id', type: 'text', nullable: true })
  trackId: string | null;

  @Column({ name: 'track_name', type: 'text', nullable: true })
  trackName: string | null;

  @Column({ name: 'artist_name', type: 'text', nullable: true })
  artistName: string | null;

  @Column({ name: 'album_name', type: 'text', nullable: true })
  albumName: string | null;

  /** Listening time: an export's ms_played, or a polled play's min(track duration, time since the previous play ended). */
  @Column({ name: 'ms_played', type: 'integer', nullable: true })
  msPlayed: number | null;

  /** End of the listen, played_at + ms_played, computed by PostgreSQL. What Spotify names a listen by. */
  @Column({
    name: 'ended_at',
    type: 'timestamptz',
    precision: 3,
    generatedType: 'STORED',
    asExpression: PLAY_ENDED_AT_SQL,
    insert: false,
    update: false,
  })
  endedAt: Date;

  @Column({ type: 'text' })
  source: PlaySource;

  @Column({ name: 'context_uri', type: 'text', nullable: true })
  contextUri: string | null;

  @Column({ name: 'reason_start', type: 'text', nullable: true })
  reasonStart: string | null;

  @Column({ name: 'reason_end', type: 'text', nullable: true })
  reasonEnd: string | null;

  @Column({ type: 'boolean', nullable: true })
  shuffle: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  skipped: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  offline: boolean | null;

  @Column({ name: 'offline_at', type: 'timestamptz', nullable: true })
  offlineAt: Date | null;

  @Column({ type: 'text', nullable: true })
  platform: string | null;

  @Column({ name: 'conn_country', type: 'text', nullable: true })
  connCountry: string | null;

  @Column({ name: 'ingest_run_id', type: 'uuid', nullable: true })
  ingestRunId: string | null;

  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId: string | null;

  /** When the row was written; incremental models read past their watermark on it. */
  @Column({ name: 'loaded_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  loadedAt: Date;
}

export const NON_MUSIC_KINDS = ['podcast', 'audiobook', 'video'] as const;
export type NonMusicKind = (typeof NON_MUSIC_KINDS)[number];

/** Podcast, audiobook and video listens from exports: kept, never counted as music plays. */
@Entity({ schema: 'raw', name: 'non_music_listens' })
export class NonMusicListen {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ name: 'played_at', type: 'timestamptz', precision: 3 })
  playedAt: Date;

  @PrimaryColumn({ type: 'text' })
  kind: NonMusicKind;

  @Column({ name: 'ms_played', type: 'integer' })
  msPlayed: number;

  @Column({ name: 'show_name', type: 'text', nullable: true })
  showName: string | null;

  @Column({ name: 'episode_name', type: 'text', nullable: true })
  episodeName: string | null;

  @Column({ name: 'episode_uri', type: 'text', nullable: true })
  episodeUri: string | null;

  @Column({ name: 'audiobook_title', type: 'text', nullable: true })
  audiobookTitle: string | null;

  @Column({ name: 'audiobook_uri', type: 'text', nullable: true })
  audiobookUri: string | null;

  @Column({ name: 'chapter_title', type: 'text', nullable: true })
  chapterTitle: string | null;

  @Column({ name: 'chapter_uri', type: 'text', nullable: true })
  chapterUri: string | null;

  @Column({ type: 'text', nullable: true })
  platform: string | null;

  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId: string | null;

  @Column({ name: 'loaded_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  loadedAt: Date;
}
