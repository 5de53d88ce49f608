import { Pool } from 'pg';

export interface ArtistRef {
  id: string;
  name: string;
}

type Kind = 'artist' | 'track' | 'album';
/** artist: image; track: credited artists; album: album artists and cover. */
export interface Detail {
  imageUrl: string | null;
  artists: ArtistRef[];
}

/** Rows of the catalog by Spotify id, `$n` the ids of each kind. */
const QUERIES: Record<Kind, (ids: string) => string> = {
  artist: (ids) =>
    `select 'artist', a.id, json_build_object('imageUrl', a.image_url, 'artists', '[]'::json) from raw.artists a where a.id = any(${ids}::text[])`,
  track: (ids) =>
    `select 'track', t.track_id, json_build_object('imageUrl', null, 'artists', t.artists) from marts.stg_tracks t where t.track_id = any(${ids}::text[])`,
  album: (ids) =>
    `select 'album', a.album_id, json_build_object('imageUrl', a.image_url, 'artists', a.artists) from marts.stg_albums a where a.album_id = any(${ids}::text[])`,
};

/** Entries remembered: past it, further reads are answered but not kept. */
const MAX_ENTRIES = 50_000;

/**
 * What answers show of the catalog beyond names (images, credited artists), read by Spotify id on
 * first use and remembered for the life of one account state (a run that changes the catalog
 * rebuilds the plays it touches, hence the state). Reads asked for in the same turn of the event
 * loop share one query (wrapped asks for three kinds at once).
 */
export class CatalogDetails {
  private readonly known = new Map<string, Detail | null>();
  private batch: { ids: Record<Kind, Set<string>>; rows: Promise<Map<string, Detail | null>> } | null = null;

  constructor(private readonly pool: Pool) {}

  async get(kind: Kind, ids: ReadonlyArray<string | null>): Promise<Map<string, Detail | null>> {
    const missing = ids.filter((id): id is string => id !== null && !this.known.has(`${kind}:${id}`));
    const read = missing.length ? await this.read(kind, missing) : null;
    const out = new Map<string, Detail | null>();
    for (const id of ids) if (id !== null) out.set(id, read?.get(`${kind}:${id}`) ?? this.known.get(`${kind}:${id}`) ?? null);
    return out;
  }

  private read(kind: Kind, ids: string[]): Promise<Map<string, Detail | null>> {
    if (!this.batch) {
      const wanted: Record<Kind, Set<string>> = { artist: new Set(), track: new Set(), album: new Set() };
      const rows = new Promise<Map<string, Detail | null>>((resolve, reject) =>
        setImmediate(() => this.readBatch(wanted).then(resolve, reject)),
      );
      this.batch = { ids: wanted, rows };
    }
    for (const id of ids) this.batch.ids[kind].add(id);
    return this.batch.rows;
  }

  private async readBatch(ids: Record<Kind, Set<string>>): Promise<Map<string, Detail | null>> {
    if (this.batch?.ids === ids) this.batch = null;
    const values: string[][] = [];
    const parts: string[] = [];
    for (const kind of Object.keys(ids) as Kind[]) {
      if (ids[kind].size === 0) continue;
      values.push([...ids[kind]]);
      parts.push(QUERIES[kind](`$${values.length}`));
    }
    const { rows } = await this.pool.query({ text: parts.join('\nunion all\n'), values, rowMode: 'array' });
    const read = new Map<string, Detail | null>(
      (rows as Array<[Kind, string, Detail]>).map(([kind, id, detail]) => [`${kind}:${id}`, detail]),
    );
    for (const kind of Object.keys(ids) as Kind[]) {
      for (const id of ids[kind]) {
        const key = `${kind}:${id}`;
        if (!read.has(key)) read.set(key, null);
        if (this.known.size < MAX_ENTRIES) this.known.set(key, read.get(key)!);
      }
    }
    return read;
  }
}
