import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Reference data shared by every account (Citus reference tables). Ids are Spotify ids. */

export interface SpotifyImageRef {
  url: string;
  height: number | null;
  width: number | null;
}

@Entity({ schema: 'raw', name: 'artists' })
export class Artist {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'image_url', type: 'text', nullable: true })
  imageUrl: string | null;

  /** Set once the artist's full object (with genres) was fetched successfully. */
  @Column({ name: 'enriched_at', type: 'timestamptz', nullable: true })
  enrichedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ schema: 'raw', name: 'artist_genres' })
@Index('ix_artist_genres_genre', ['genre'])
export class ArtistGenre {
  @PrimaryColumn({ name: 'artist_id', type: 'text' })
  artistId: string;

  @PrimaryColumn({ type: 'text' })
  genre: string;
}

@Entity({ schema: 'raw', name: 'albums' })
export class Album {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'album_type', type: 'text', nullable: true })
  albumType: string | null;

  /** "1981", "1981-12" or "1981-12-07", as Spotify gives it. */
  @Column({ name: 'release_date', type: 'text', nullable: true })
  releaseDate: string | null;

  @Column({ name: 'release_date_precision', type: 'text', nullable: true })
  releaseDatePrecision: 'year' | 'month' | 'day' | null;

  @Column({ name: 'total_tracks', type: 'integer', nullable: true })
  totalTracks: number | null;

  @Column({ name: 'image_url', type: 'text', nullable: true })
  imageUrl: string | null;

  @Column({ type: 'jsonb', nullable: true })
  images: SpotifyImageRef[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ schema: 'raw', name: 'album_artists' })
export class AlbumArtist {
  @PrimaryColumn({ name: 'album_id', type: 'text' })
  albumId: string;

  @PrimaryColumn({ type: 'smallint' })
  position: number;

  @Column({ name: 'artist_id', type: 'text' })
  artistId: string;
}

@Entity({ schema: 'raw', name: 'tracks' })
export class Track {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Index('ix_tracks_album_id')
  @Column({ name: 'album_id', type: 'text', nullable: true })
  albumId: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;

  @Column({ type: 'boolean', nullable: true })
  explicit: boolean | null;

  @Column({ type: 'text', nullable: true })
  isrc: string | null;

  @Column({ name: 'disc_number', type: 'integer', nullable: true })
  discNumber: number | null;

  @Column({ name: 'track_number', type: 'integer', nullable: true })
  trackNumber: number | null;

  @Column({ name: 'is_local', type: 'boolean', default: false })
  isLocal: boolean;

  /** Set once the full track object (album, every artist) is stored. */
  @Column({ name: 'enriched_at', type: 'timestamptz', nullable: true })
  enrichedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Every credited artist of a track; position 0 is the primary artist. */
@Entity({ schema: 'raw', name: 'track_artists' })
@Index('ix_track_artists_artist_id', ['artistId'])
export class TrackArtist {
  @PrimaryColumn({ name: 'track_id', type: 'text' })
  trackId: string;

  @PrimaryColumn({ type: 'smallint' })
  position: number;

  @Column({ name: 'artist_id', type: 'text' })
  artistId: string;
}
