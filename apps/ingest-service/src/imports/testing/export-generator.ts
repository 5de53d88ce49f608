import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import yazl from 'yazl';
import { rng } from '@rewind/testing';

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function trackId(n: number): string {
  let s = '';
  let x = n + 1;
  for (let i = 0; i < 22; i++) {
    s += B62[(x * 31 + i * 7) % 62];
    x = Math.floor(x / 2) + i + n;
  }
  return s;
}

/** PII values planted in every generated row; a stored copy of any of them is a privacy bug. */
export const PII = {
  username: 'pii-user-7f3a9c',
  ip_addr: '203.0.113.77',
  ip_addr_decrypted: '198.51.100.99',
  user_agent_decrypted: 'PiiAgent/9.9 (secret-device-42)',
};

export interface GroundTruth {
  rows: number;
  plays: number;
  short: number;
  incognito: number;
  podcast: number;
  invalid: number;
  listeningMs: number;
  /** trackId → plays */
  playsPerTrack: Record<string, number>;
  firstPlayedAt: string | null;
  lastPlayedAt: string | null;
  /** Every play: played_at ISO (ms) and track id, in file order. */
  playList: { playedAt: string; trackId: string; msPlayed: number }[];
}

export interface GenerateOptions {
  seed?: number;
  rows: number;
  /** Start of the first listen. */
  start?: string;
  tracks?: number;
  /** Include rows of every kind (short, incognito, podcast, audiobook, invalid, local). Default true. */
  mixed?: boolean;
  /** Rows per file (Spotify writes about 15k). */
  rowsPerFile?: number;
}

export interface ExtendedRow {
  [key: string]: unknown;
}

function emptyTruth(): GroundTruth {
  return {
    rows: 0,
    plays: 0,
    short: 0,
    incognito: 0,
    podcast: 0,
    invalid: 0,
    listeningMs: 0,
    playsPerTrack: {},
    firstPlayedAt: null,
    lastPlayedAt: null,
    playList: [],
  };
}

/**
 * Extended streaming history rows with the real field set and their ground truth
 * under docs/metrics.md. Returns the files' rows (one array per file).
 */
export function generateExtendedHistory(options: GenerateOptions): { files: ExtendedRow[][]; truth: GroundTruth } {
  const random = rng(options.seed ?? 1);
  const tracks = options.tracks ?? 200;
  const mixed = options.mixed ?? true;
  const perFile = options.rowsPerFile ?? 15_000;
  const truth = emptyTruth();
  const files: ExtendedRow[][] = [];
  let current: ExtendedRow[] = [];
  // Listens start on whole seconds so `ts − ms_played` is exact with a second-precision `ts`.
  let startMs = Date.parse(options.start ?? '2021-01-01T00:00:00Z');
  for (let i = 0; i < options.rows; i++) {
    const r = random();
    const t = Math.floor(random() * tracks);
    const id = trackId(t);
    let kind: 'play' | 'short' | 'incognito' | 'podcast' | 'audiobook' | 'invalid' | 'local' = 'play';
    if (mixed) {
      if (r < 0.08) kind = 'short';
      else if (r < 0.1) kind = 'incognito';
      else if (r < 0.13) kind = 'podcast';
      else if (r < 0.14) kind = 'audiobook';
      else if (r < 0.145) kind = 'invalid';
      else if (r < 0.15) kind = 'local';
    }
    const ms = kind === 'short' ? Math.floor(random() * 29_000) : 30_000 + Math.floor(random() * 300_000);
    const end = startMs + ms;
    const ts = new Date(Math.floor(end / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const isTrack = kind === 'play' || kind === 'short' || kind === 'incognito';
    const row: ExtendedRow = {
      ts,
      username: PII.username,
      platform: random() < 0.5 ? 'Android OS 14 API 34 (Google, Pixel 8)' : 'OS X 14.1.0 [arm 2]',
      ms_played: ms,
      conn_country: 'SE',
      ip_addr: PII.ip_addr,
      ip_addr_decrypted: PII.ip_addr_decrypted,
      user_agent_decrypted: PII.user_agent_decrypted,
      master_metadata_track_name: isTrack || kind === 'local' ? `Song ${t}` : null,
      master_metadata_album_artist_name: isTrack || kind === 'local' ? `Artist ${t % 37}` : null,
      master_metadata_album_album_name: isTrack || kind === 'local' ? `Album ${t % 53}` : null,
      spotify_track_uri: isTrack ? `spotify:track:${id}` : null,
      episode_name: kind === 'podcast' ? `Episode ${i}` : null,
      episode_show_name: kind === 'podcast' ? 'The Show' : null,
      spotify_episode_uri: kind === 'podcast' ? `spotify:episode:${trackId(i + 100000)}` : null,
      audiobook_title: kind === 'audiobook' ? 'A Book' : null,
      audiobook_uri: kind === 'audiobook' ? `spotify:audiobook:${trackId(7)}` : null,
      audiobook_chapter_uri: kind === 'audiobook' ? `spotify:chapter:${trackId(i)}` : null,
      audiobook_chapter_title: kind === 'audiobook' ? `Chapter ${i}` : null,
      reason_start: 'trackdone',
      reason_end: random() < 0.8 ? 'trackdone' : 'fwdbtn',
      shuffle: random() < 0.5,
      skipped: random() < 0.1,
      offline: false,
      offline_timestamp: Math.floor(end / 1000),
      incognito_mode: kind === 'incognito',
    };
    if (kind === 'invalid') row.ms_played = 'lots';
    current.push(row);
    truth.rows++;
    if (kind === 'play') {
      const playedMs = Date.parse(ts) - ms;
      const playedAt = new Date(playedMs).toISOString();
      truth.plays++;
      truth.listeningMs += ms;
      truth.playsPerTrack[id] = (truth.playsPerTrack[id] ?? 0) + 1;
      truth.firstPlayedAt ??= playedAt;
      truth.lastPlayedAt = playedAt;
      truth.playList.push({ playedAt, trackId: id, msPlayed: ms });
    } else if (kind === 'podcast' || kind === 'audiobook') truth.podcast++;
    else if (kind === 'local') truth.invalid++;
    else truth[kind]++;
    startMs = end + 1000 + Math.floor(random() * 600) * 1000;
    if (current.length >= perFile) {
      files.push(current);
      current = [];
    }
  }
  if (current.length) files.push(current);
  return { files, truth };
}

/** Account-data rows (`StreamingHistory_music_N.json`) for the same listens: minute-precision end times, names only. */
export function toAccountData(rows: ExtendedRow[]): { endTime: string; artistName: string; trackName: string; msPlayed: number }[] {
  return rows
    .filter((r) => typeof r.spotify_track_uri === 'string' && r.incognito_mode !== true && typeof r.ms_played === 'number')
    .map((r) => ({
      endTime: (r.ts as string).slice(0, 16).replace('T', ' '),
      artistName: r.master_metadata_album_artist_name as string,
      trackName: r.master_metadata_track_name as string,
      msPlayed: r.ms_played as number,
    }));
}

/** Serializes like Spotify does: a pretty-printed JSON array. */
export function historyJson(rows: unknown[]): string {
  return JSON.stringify(rows, null, 4);
}

/** Writes a large history file without holding it in memory as one string. */
export async function writeHistoryFile(path: string, rows: unknown[]): Promise<void> {
  const out = createWriteStream(path);
  out.write('[\n');
  for (let i = 0; i < rows.length; i++) {
    const text = `    ${JSON.stringify(rows[i], null, 4).replace(/\n/g, '\n    ')}${i < rows.length - 1 ? ',' : ''}\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end(']\n');
  await once(out, 'finish');
}

export interface ZipEntrySpec {
  name: string;
  content: string | Buffer;
  /** Store uncompressed. */
  store?: boolean;
}

/** Builds a zip in memory (test sizes only). */
export async function buildZip(entries: ZipEntrySpec[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content), e.name, { compress: !e.store });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The layout of Spotify's "Extended streaming history" download. */
export async function buildExtendedExportZip(files: ExtendedRow[][], extra: ZipEntrySpec[] = []): Promise<Buffer> {
  const folder = 'Spotify Extended Streaming History';
  return buildZip([
    ...files.map((rows, i) => ({ name: `${folder}/Streaming_History_Audio_${2021 + i}_${i}.json`, content: historyJson(rows) })),
    { name: `${folder}/Streaming_History_Video_2021-2024.json`, content: '[]' },
    { name: `${folder}/ReadMeFirst_ExtendedStreamingHistory.pdf`, content: Buffer.from('%PDF-1.4 not really') },
    ...extra,
  ]);
}
