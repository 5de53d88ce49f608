import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ExportFormat, ExportRowProcessor, ImportCounts, detectFormat, emptyCounts } from './parsing/export-rows';
import { STAGE_COLUMNS } from './parsing/stage-columns';
import { SkippedFile } from './parsing/export-files';
import { ImportInputError, NotHistoryError } from './parsing/import-error';
import { HistoryEntry } from './parsing/import-sources';
import { readJsonArray } from './parsing/json-array-reader';
import { lockAccountForLoad } from '../shared/account-lock';
import { DIRECT_COLUMNS, DirectPlays, StageSpill, accountHasPlays, createDirectTracks } from './direct-plays';
import { ACCOUNT_DATA_TOLERANCE_SECONDS, storedListenExists } from './play-matching';
import { requestTransform } from '../shared/transform-request';

export interface LoadProgress {
  bytesRead: number;
  totalBytes: number;
  counts: ImportCounts;
  /** 'parse' while reading files, 'merge' during the set-based merge. */
  phase: 'parse' | 'merge';
}

export interface LoadResult {
  counts: ImportCounts;
  playsInserted: number;
  duplicates: number;
  nonMusicInserted: number;
  tracksCreated: number;
  formats: Record<string, ExportFormat | 'empty'>;
  /** History-named files that turned out not to be streaming history, with the reason. */
  skippedFiles: SkippedFile[];
}

export interface LoadOptions {
  accountId: string;
  importId: string;
  entries: HistoryEntry[];
  onProgress?: (progress: LoadProgress) => void;
  /** Runs inside the import's transaction just before COMMIT (records the job's outcome atomically). */
  beforeCommit?: (result: LoadResult) => Promise<void>;
}

const STAGE_DDL = `CREATE TEMP TABLE import_stage (
  ord bigint NOT NULL,
  kind text NOT NULL,
  source text NOT NULL,
  played_ms bigint NOT NULL,
  ms_played integer NOT NULL,
  track_id text,
  track_name text,
  artist_name text,
  album_name text,
  reason_start text,
  reason_end text,
  shuffle boolean,
  skipped boolean,
  offline boolean,
  offline_ms bigint,
  platform text,
  conn_country text,
  show_name text,
  episode_name text,
  episode_uri text,
  audiobook_title text,
  audiobook_uri text,
  chapter_title text,
  chapter_uri text
) ON COMMIT DROP`;

/**
 * COPY text the parser may run ahead of PostgreSQL: while the server stores one part, the next
 * one is unzipped and parsed (with the stream's default 16 KiB each side waited for the other).
 */
const COPY_AHEAD_BYTES = 4 * 1024 * 1024;

const AT = (col: string) => `(timestamptz 'epoch' + ${col} * interval '1 millisecond')`;

/**
 * Loads one import in a single transaction: every history file is streamed through the
 * parser into a COPY to a temporary staging table, then merged set-based into raw.plays,
 * raw.tracks, raw.non_music_listens and raw.enrichment_queue. Nothing is visible until
 * COMMIT, so a failure or a killed process leaves no partial data, and running the same
 * import again is idempotent.
 */
export class ImportLoader {
  constructor(private readonly client: PoolClient) {}

  async load(options: LoadOptions): Promise<LoadResult> {
    const { client } = this;
    await client.query('BEGIN');
    try {
      const result = await this.loadInTransaction(options);
      await options.beforeCommit?.(result);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async loadInTransaction(options: LoadOptions): Promise<LoadResult> {
    const { client } = this;
    const { accountId, importId } = options;
    await client.query(`SET LOCAL work_mem = '64MB'`);
    await client.query(STAGE_DDL);
    // An account's first import has nothing to dedupe against: it holds the account's load lock
    // from now on (a poll of the account waits for it) and COPYs its plays straight in.
    if (!(await accountHasPlays(client, accountId))) {
      await lockAccountForLoad(client, accountId);
      if (!(await accountHasPlays(client, accountId))) {
        await client.query('SAVEPOINT direct_import');
        try {
          return await this.read(options, new DirectPlays(accountId, importId));
        } catch (error) {
          // the same play twice in the upload: import it through the staging table instead
          if ((error as { code?: string }).code !== '23505') throw error;
          await client.query('ROLLBACK TO SAVEPOINT direct_import');
        }
      }
    }
    return this.read(options, null);
  }

  /** Reads every file into the staging table (and, on the direct path, raw.plays), then merges. */
  private async read(options: LoadOptions, direct: DirectPlays | null): Promise<LoadResult> {
    const { client } = this;
    const { accountId, importId, entries, onProgress } = options;
    const counts = emptyCounts();
    const formats: Record<string, ExportFormat | 'empty'> = {};
    const skipped: SkippedFile[] = [];
    const totalBytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    let bytesRead = 0;
    let ord = 0;
    const nextOrd = () => ++ord;

    // One COPY at a time on a connection: on the direct path staging lines wait in a file.
    const spill = direct ? new StageSpill() : null;
    const copy = client.query(
      copyFrom(
        direct ? `COPY raw.plays (${DIRECT_COLUMNS.join(', ')}) FROM STDIN` : `COPY import_stage (${STAGE_COLUMNS.join(', ')}) FROM STDIN`,
        { highWaterMark: COPY_AHEAD_BYTES },
      ),
    );
    const copyDone = once(copy, 'finish');
    copyDone.catch(() => undefined);
    let copyError: Error | null = null;
    copy.on('error', (error: Error) => {
      copyError = error;
    });
    const send = async (text: string) => {
      if (copyError) throw copyError;
      if (text !== '' && !copy.write(text)) await once(copy, 'drain');
    };
    try {
      for (const entry of entries) {
        const stream = await entry.open();
        const counted = (async function* () {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            bytesRead += chunk.length;
            yield chunk;
          }
        })();
        let processor: ExportRowProcessor | null = null;
        formats[entry.label] = 'empty';
        try {
          for await (const batch of readJsonArray(counted, { label: entry.label })) {
            if (processor === null) {
              const format = detectFormat(batch[0], entry.label);
              formats[entry.label] = format;
              processor = new ExportRowProcessor(
                format,
                entry.label,
                counts,
                entry.video ? 'video' : 'podcast',
                nextOrd,
                direct ?? undefined,
              );
            }
            let chunk = '';
            for (const row of batch) {
              const line = processor.process(row);
              if (line !== null) chunk += line;
            }
            if (direct) {
              await spill!.write(chunk);
              await send(direct.take());
            } else await send(chunk);
            onProgress?.({ bytesRead, totalBytes, counts, phase: 'parse' });
          }
        } catch (error) {
          // JSON that is not streaming history (found on its first row, before any of it was
          // staged): set aside with the reason. Broken or truncated JSON still fails the import.
          if (!(error instanceof NotHistoryError)) throw error;
          delete formats[entry.label];
          skipped.push({ name: entry.name, reason: error.message });
        } finally {
          stream.destroy();
        }
      }
      if (entries.length > 0 && Object.keys(formats).length === 0) {
        throw new ImportInputError(
          entries.length === 1 ? skipped[0].reason : `No streaming history in the upload: ${skipped.map((f) => f.reason).join('; ')}`,
        );
      }
      copy.end();
      await copyDone;
      await spill?.load(client);
    } catch (error) {
      copy.destroy(new Error('import aborted'));
      await copyDone.catch(() => undefined);
      throw error;
    } finally {
      await spill?.dispose();
    }
    onProgress?.({ bytesRead, totalBytes, counts, phase: 'merge' });
    const copied = direct ? (copy as unknown as { rowCount: number }).rowCount : 0;
    return { ...(await this.merge(accountId, importId, counts, direct, copied)), counts, formats, skippedFiles: skipped };
  }

  /** `direct`/`copied`: the plays the direct path already COPYed into raw.plays, and their tracks. */
  private async merge(
    accountId: string,
    importId: string,
    counts: ImportCounts,
    direct: DirectPlays | null,
    copied: number,
  ): Promise<Omit<LoadResult, 'counts' | 'formats' | 'skippedFiles'>> {
    await lockAccountForLoad(this.client, accountId);
    const { client } = this;
    const empty = { playsInserted: 0, duplicates: 0, nonMusicInserted: 0, tracksCreated: 0 };
    if (counts.plays === 0 && counts.podcast === 0) return empty;
    const sources = await client.query<{ source: string; n: string; min_end_ms: string; max_end_ms: string }>(
      `SELECT source, count(*) AS n, min(played_ms + ms_played) AS min_end_ms, max(played_ms + ms_played) AS max_end_ms
       FROM import_stage WHERE kind = 'play' GROUP BY source`,
    );
    const bySource = new Map(sources.rows.map((r) => [r.source, r]));

    // Tracks known by URI (extended history): created by name, and queued for enrichment
    // (names, every artist, album images) which runs later, never blocking the import.
    let tracksCreated = direct ? await createDirectTracks(client, accountId, direct.tracks) : 0;
    if (bySource.has('extended_history')) {
      const tracks = await client.query<{ n: string }>(
        `WITH created AS (
           INSERT INTO raw.tracks (id, name)
           SELECT track_id, coalesce(min(track_name), track_id) FROM import_stage
           WHERE kind = 'play' AND track_id IS NOT NULL GROUP BY track_id
           ON CONFLICT (id) DO NOTHING
           RETURNING id
         ), queued AS (
           INSERT INTO raw.enrichment_queue (kind, spotify_id, account_id)
           SELECT 'track', id, $1::uuid FROM created
           ON CONFLICT (kind, spotify_id) DO NOTHING
         )
         SELECT count(*) AS n FROM created`,
        [accountId],
      );
      tracksCreated += Number(tracks.rows[0].n);
    }

    // Account data has names only: match them to known tracks by (track, artist) name.
    if (bySource.has('account_data')) {
      await client.query(
        `UPDATE import_stage s SET track_id = m.track_id
         FROM (
           SELECT DISTINCT ON (tn, an) tn, an, track_id FROM (
             SELECT lower(track_name) tn, lower(artist_name) an, track_id FROM import_stage
              WHERE kind = 'play' AND source = 'extended_history' AND track_name IS NOT NULL AND artist_name IS NOT NULL
             UNION ALL
             SELECT lower(track_name), lower(artist_name), track_id FROM raw.plays
              WHERE account_id = $1 AND track_id IS NOT NULL AND track_name IS NOT NULL AND artist_name IS NOT NULL
             UNION ALL
             SELECT lower(t.name), lower(a.name), t.id FROM raw.tracks t
               JOIN raw.track_artists ta ON ta.track_id = t.id AND ta.position = 0
               JOIN raw.artists a ON a.id = ta.artist_id
           ) c ORDER BY tn, an, track_id
         ) m
         WHERE s.kind = 'play' AND s.source = 'account_data' AND lower(s.track_name) = m.tn AND lower(s.artist_name) = m.an`,
        [accountId],
      );
    }

    // Extended history first, then account data, so an account-data row also dedupes
    // against extended rows of the same import.
    let playsInserted = copied;
    let staged = copied;
    for (const source of ['extended_history', 'account_data']) {
      const info = bySource.get(source);
      if (!info) continue;
      staged += Number(info.n);
      // Skip the per-row probe when nothing stored ends around the import's range (a first import).
      const wide = `interval '${ACCOUNT_DATA_TOLERANCE_SECONDS} seconds'`;
      const overlap = await client.query(
        `SELECT 1 FROM raw.plays WHERE account_id = $1 AND ended_at BETWEEN ${AT('$2::bigint')} - ${wide} AND ${AT('$3::bigint')} + ${wide} LIMIT 1`,
        [accountId, info.min_end_ms, info.max_end_ms],
      );
      const probe = overlap.rowCount
        ? `AND NOT ${storedListenExists({
            accountId: '$1',
            endedAt: AT('(s.played_ms + s.ms_played)'),
            source: 's.source',
            trackId: 's.track_id',
            trackName: 's.track_name',
            artistName: 's.artist_name',
          })}`
        : '';
      // Staging rows are read in COPY order, so when one import holds the same play twice the first one wins.
      const inserted = await client.query(
        `INSERT INTO raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source,
                                reason_start, reason_end, shuffle, skipped, offline, offline_at, platform, conn_country, import_id)
         SELECT $1, ${AT('s.played_ms')}, s.track_id, s.track_name, s.artist_name, s.album_name, s.ms_played, s.source,
                s.reason_start, s.reason_end, s.shuffle, s.skipped, s.offline,
                CASE WHEN s.offline_ms IS NULL THEN NULL ELSE ${AT('s.offline_ms')} END, s.platform, s.conn_country, $2
         FROM import_stage s
         WHERE s.kind = 'play' AND s.source = '${source}' ${probe}
         ON CONFLICT (account_id, played_at) DO NOTHING`,
        [accountId, importId],
      );
      playsInserted += inserted.rowCount ?? 0;
    }

    const nonMusic = await client.query(
      `INSERT INTO raw.non_music_listens (account_id, played_at, kind, ms_played, show_name, episode_name, episode_uri,
                                          audiobook_title, audiobook_uri, chapter_title, chapter_uri, platform, import_id)
       SELECT $1, ${AT('played_ms')}, kind, ms_played, show_name, episode_name, episode_uri,
              audiobook_title, audiobook_uri, chapter_title, chapter_uri, platform, $2
       FROM import_stage WHERE kind <> 'play'
       ON CONFLICT (account_id, played_at, kind) DO NOTHING`,
      [accountId, importId],
    );

    if (playsInserted > 0) {
      await requestTransform(client, 'import', accountId);
    }
    return { playsInserted, duplicates: staged - playsInserted, nonMusicInserted: nonMusic.rowCount ?? 0, tracksCreated };
  }
}
