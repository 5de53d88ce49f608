import type { SpotifyArtist, SpotifySimplifiedArtist, SpotifyTrack } from '@rewind/spotify';
import type { Queryable } from '../shared/read-models';

/**
 * Set-based writes of Spotify catalog objects into raw.{tracks,albums,artists,track_artists,
 * album_artists,artist_genres}. Every statement sorts by key (replicas writing the same rows
 * lock them in the same order) and only touches rows whose content changed, bumping their
 * `updated_at` (incremental models read catalog changes through it). The original pipeline's
 * flaws are avoided by construction: every credited artist is stored with its own id, its own
 * name and its position; every genre is kept.
 */
export class CatalogWriter {
  /**
   * Full track objects (from recently-played or GET /tracks): their albums with images and
   * release dates, every track and album artist (simplified: name only, genres come from
   * enrichment), the links with positions (0 = primary), and the tracks themselves, marked
   * enriched. Artists not yet enriched are queued for enrichment with `accountId`'s token.
   */
  async writeTracks(db: Queryable, tracks: SpotifyTrack[], accountId: string | null): Promise<void> {
    const byId = new Map<string, SpotifyTrack>();
    for (const t of tracks) if (t?.id && !t.is_local) byId.set(t.id, t);
    if (byId.size === 0) return;
    const list = [...byId.values()];

    const artists = new Map<string, string>();
    const albums = new Map<string, SpotifyTrack['album']>();
    const addArtists = (xs: SpotifySimplifiedArtist[] | undefined) => {
      for (const a of xs ?? []) if (a?.id) artists.set(a.id, a.name ?? a.id);
    };
    for (const t of list) {
      addArtists(t.artists);
      if (t.album?.id) {
        albums.set(t.album.id, t.album);
        addArtists(t.album.artists);
      }
    }

    await this.upsertArtistNames(
      db,
      [...artists].map(([id, name]) => ({ id, name })),
    );

    if (albums.size) {
      const rows = [...albums.values()].map((a) => ({
        id: a.id,
        name: a.name ?? a.id,
        album_type: a.album_type ?? null,
        release_date: a.release_date ?? null,
        release_date_precision: a.release_date_precision ?? null,
        total_tracks: a.total_tracks ?? null,
        image_url: a.images?.[0]?.url ?? null,
        images: (a.images ?? []).map((i) => ({ url: i.url, height: i.height ?? null, width: i.width ?? null })),
      }));
      await db.query(
        `INSERT INTO raw.albums AS t (id, name, album_type, release_date, release_date_precision, total_tracks, image_url, images)
         SELECT id, name, album_type, release_date, release_date_precision, total_tracks, image_url, images
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, album_type text, release_date text, release_date_precision text,
                                                 total_tracks int, image_url text, images jsonb)
         ORDER BY id
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, album_type = excluded.album_type, release_date = excluded.release_date,
           release_date_precision = excluded.release_date_precision, total_tracks = excluded.total_tracks,
           image_url = excluded.image_url, images = excluded.images, updated_at = now()
         WHERE (t.name, t.album_type, t.release_date, t.release_date_precision, t.total_tracks, t.image_url, t.images)
               IS DISTINCT FROM (excluded.name, excluded.album_type, excluded.release_date, excluded.release_date_precision,
                                 excluded.total_tracks, excluded.image_url, excluded.images)`,
        [JSON.stringify(rows)],
      );
      await this.syncLinks(
        db,
        'album',
        [...albums.values()].map((a) => ({ id: a.id, ids: (a.artists ?? []).map((x) => x.id).filter(Boolean) })),
      );
    }

    const trackRows = list.map((t) => ({
      id: t.id,
      name: t.name ?? t.id,
      album_id: t.album?.id ?? null,
      duration_ms: t.duration_ms ?? null,
      explicit: t.explicit ?? null,
      isrc: t.external_ids?.isrc ?? null,
      disc_number: t.disc_number ?? null,
      track_number: t.track_number ?? null,
      is_local: Boolean(t.is_local),
    }));
    await db.query(
      `INSERT INTO raw.tracks AS t (id, name, album_id, duration_ms, explicit, isrc, disc_number, track_number, is_local, enriched_at)
       SELECT id, name, album_id, duration_ms, explicit, isrc, disc_number, track_number, is_local, now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, album_id text, duration_ms int, explicit boolean, isrc text,
                                               disc_number int, track_number int, is_local boolean)
       ORDER BY id
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, album_id = excluded.album_id, duration_ms = excluded.duration_ms,
         explicit = excluded.explicit, isrc = excluded.isrc, disc_number = excluded.disc_number, track_number = excluded.track_number,
         is_local = excluded.is_local, enriched_at = coalesce(t.enriched_at, now()), updated_at = now()
       WHERE t.enriched_at IS NULL
          OR (t.name, t.album_id, t.duration_ms, t.explicit, t.isrc, t.disc_number, t.track_number, t.is_local)
             IS DISTINCT FROM (excluded.name, excluded.album_id, excluded.duration_ms, excluded.explicit, excluded.isrc,
                               excluded.disc_number, excluded.track_number, excluded.is_local)`,
      [JSON.stringify(trackRows)],
    );
    await this.syncLinks(
      db,
      'track',
      list.map((t) => ({ id: t.id, ids: (t.artists ?? []).map((x) => x.id).filter(Boolean) })),
    );

    // These tracks are complete now: an import's request to enrich them is answered.
    await db.query(`DELETE FROM raw.enrichment_queue WHERE kind = 'track' AND spotify_id = ANY($1::text[])`, [list.map((t) => t.id)]);
    await this.queueUnenrichedArtists(db, [...artists.keys()], accountId);
  }

  /** Full artist objects (GET /artists): name, image, every genre; marks them enriched. */
  async writeArtists(db: Queryable, found: SpotifyArtist[]): Promise<void> {
    const rows = found
      .filter((a) => a?.id)
      .map((a) => ({
        id: a.id,
        name: a.name ?? a.id,
        image_url: a.images?.[0]?.url ?? null,
        genres: [...new Set((a.genres ?? []).filter((g) => typeof g === 'string' && g !== ''))],
      }));
    if (!rows.length) return;
    const json = JSON.stringify(rows);
    await db.query(
      `INSERT INTO raw.artists AS t (id, name, image_url, enriched_at)
       SELECT id, name, image_url, now() FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, image_url text) ORDER BY id
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, image_url = excluded.image_url, enriched_at = now(), updated_at = now()`,
      [json],
    );
    await db.query(
      `WITH x AS (SELECT id, genres FROM jsonb_to_recordset($1::jsonb) AS x(id text, genres text[])),
            wanted AS (SELECT x.id AS artist_id, g.genre FROM x, unnest(x.genres) AS g(genre))
       DELETE FROM raw.artist_genres ag USING x
       WHERE ag.artist_id = x.id AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.artist_id = ag.artist_id AND w.genre = ag.genre)`,
      [json],
    );
    await db.query(
      `INSERT INTO raw.artist_genres (artist_id, genre)
       SELECT x.id, g.genre FROM jsonb_to_recordset($1::jsonb) AS x(id text, genres text[]), unnest(x.genres) AS g(genre)
       ORDER BY 1, 2
       ON CONFLICT DO NOTHING`,
      [json],
    );
  }

  /** Simplified artists: create unknown ones by name, rename changed ones (bumping updated_at). */
  private async upsertArtistNames(db: Queryable, rows: { id: string; name: string }[]): Promise<void> {
    if (!rows.length) return;
    await db.query(
      `INSERT INTO raw.artists AS t (id, name)
       SELECT id, name FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text) ORDER BY id
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = now() WHERE t.name IS DISTINCT FROM excluded.name`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Replaces the artist links (with positions) of tracks or albums whose credited artists
   * differ from what is stored, and bumps the owner's updated_at; unchanged ones are untouched.
   */
  private async syncLinks(db: Queryable, kind: 'track' | 'album', owners: { id: string; ids: string[] }[]): Promise<void> {
    if (!owners.length) return;
    const links = kind === 'track' ? 'raw.track_artists' : 'raw.album_artists';
    const owner = kind === 'track' ? 'track_id' : 'album_id';
    const table = kind === 'track' ? 'raw.tracks' : 'raw.albums';
    const changed = await db.query<{ id: string; ids: string[] }>(
      `SELECT x.id, x.ids FROM jsonb_to_recordset($1::jsonb) AS x(id text, ids text[])
       WHERE x.ids IS DISTINCT FROM coalesce((SELECT array_agg(l.artist_id ORDER BY l.position) FROM ${links} l WHERE l.${owner} = x.id), '{}'::text[])
       ORDER BY x.id`,
      [JSON.stringify(owners)],
    );
    if (!changed.rowCount) return;
    const json = JSON.stringify(changed.rows);
    const ids = changed.rows.map((r) => r.id);
    await db.query(`DELETE FROM ${links} WHERE ${owner} = ANY($1::text[])`, [ids]);
    await db.query(
      `INSERT INTO ${links} (${owner}, position, artist_id)
       SELECT x.id, (o.pos - 1)::smallint, o.artist_id
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, ids text[]), unnest(x.ids) WITH ORDINALITY AS o(artist_id, pos)
       ORDER BY 1, 2`,
      [json],
    );
    await db.query(`UPDATE ${table} SET updated_at = now() WHERE id = ANY($1::text[])`, [ids]);
  }

  /** Artists without genres/images yet go to the durable enrichment queue. */
  private async queueUnenrichedArtists(db: Queryable, ids: string[], accountId: string | null): Promise<void> {
    if (!ids.length) return;
    await db.query(
      `INSERT INTO raw.enrichment_queue (kind, spotify_id, account_id)
       SELECT 'artist', a.id, $2::uuid FROM raw.artists a WHERE a.id = ANY($1::text[]) AND a.enriched_at IS NULL ORDER BY a.id
       ON CONFLICT (kind, spotify_id) DO NOTHING`,
      [ids, accountId],
    );
  }
}
