/**
 * Privacy-export generator: a listener's "Extended streaming history" (or the older
 * "Account data" StreamingHistory_music_N.json) in the real layout, streamed into a zip
 * (yazl) or a folder of loose files, in bounded memory.
 *
 * Timestamps: a listen starts at `startMs` (ms precision; this is recently-played's
 * `played_at`) and ends at `startMs + ms_played`. Real exports give `ts` = the end time with
 * second precision, so `ts` here is the end instant truncated to the second. The importer's
 * `played_at = ts − ms_played` therefore lies in (polled played_at − 1000 ms, polled played_at]:
 * an import overlapping polled plays must be deduplicated with a tolerance of at least one
 * second on the same track (never by exact timestamp equality).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { buildCatalog, type Catalog, type CatalogOptions } from './catalog';
import { hash32 } from './rng';
import { DAY_MS, ListenGenerator, buildProfile, type Listen, type ListenerHabits } from './listens';
import { DEFAULT_NOW, toMs, type World } from './world';

export interface ExportOptions {
  /** the listener whose history is exported */
  listenerId: string;
  /** take the listener (profile, added plays) from a running world, history up to world.now() */
  world?: World;
  /** standalone generation: seed of the world (default 42) */
  seed?: string | number;
  /** standalone generation: stop after this many plays (ARCHITECTURE §5 plays); history is sized to end near `now` */
  plays?: number;
  /** standalone generation: days of history when `plays` is not given (default 365) */
  historyDays?: number;
  /** standalone generation: end of history (default 2026-11-20T12:00:00Z) */
  now?: Date | string | number;
  habits?: Partial<ListenerHabits>;
  /** standalone generation: catalog size (default 1500 artists, 3000 above 200k plays) */
  catalog?: CatalogOptions;
  /** output: a .zip file, or a directory when `loose` is true */
  out: string;
  loose?: boolean;
  /** 'extended' (default): Spotify Extended Streaming History; 'account-data': Spotify Account Data (last year only) */
  format?: 'extended' | 'account-data';
  /** rows per Streaming_History_Audio file (default 15000) */
  rowsPerFile?: number;
  /** deflate level for the zip (default 1: fast; real exports use ~6) */
  compressionLevel?: number;
}

export interface ExportSummary {
  listenerId: string;
  files: string[];
  /** rows written to audio (music + podcast) files */
  rows: number;
  /** rows that are plays per ARCHITECTURE §5 (track uri, >= 30 s, not incognito) */
  plays: number;
  podcastRows: number;
  videoRows: number;
  incognitoRows: number;
  shortRows: number;
  nullUriRows: number;
  firstTs: string | null;
  lastTs: string | null;
  /** plays in the ground truth = played_at (ts − ms_played), ISO */
  firstPlayedAt: string | null;
  lastPlayedAt: string | null;
  bytes: number;
}

/** A play of the export per ARCHITECTURE §5. */
export interface ExportPlay {
  trackId: string;
  /** ts − ms_played */
  playedAtMs: number;
  msPlayed: number;
}

interface Source {
  catalog: Catalog;
  listenerId: string;
  country: string;
  /** fresh iterator over the listens (oldest first) */
  listens(): Iterable<Listen>;
}

function isoSecond(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + 'Z';
}

function isVideo(l: Listen): boolean {
  return l.kind === 'episode' && l.seq % 7 === 0;
}

/** A row that counts as a play per ARCHITECTURE §5. */
function isExportPlay(l: Listen): boolean {
  return l.kind === 'track' && l.msPlayed >= 30_000 && !l.incognito;
}

/** Build the listen source: from a world, or standalone from a seed. */
function source(options: ExportOptions): Source {
  if (options.world) {
    const world = options.world;
    const l = world.getListener(options.listenerId);
    return {
      catalog: world.catalog,
      listenerId: l.id,
      country: l.profile.habits.country,
      listens: () => world.endedListens(l.id),
    };
  }
  const catalog = buildCatalog(options.seed ?? 42, options.catalog ?? { artists: options.plays && options.plays > 200_000 ? 3000 : 1500 });
  const endMs = options.now === undefined ? DEFAULT_NOW : toMs(options.now);
  let habits: Partial<ListenerHabits> = { ...options.habits };
  let days = options.historyDays ?? 365;
  const target = options.plays;
  if (target !== undefined) {
    // calibrate the listener's rate on 60 days, then size (and if needed intensify) the history
    const rate = (h: Partial<ListenerHabits>) => {
      const g = new ListenGenerator(catalog, buildProfile(catalog, options.listenerId, endMs - 60 * DAY_MS, h));
      let plays = 0;
      for (let d = 0; d < 60; d++) for (const x of g.nextDay()) if (isExportPlay(x)) plays++;
      return Math.max(1, plays / 60);
    };
    const maxDays = 15 * 365;
    let perDay = rate(habits);
    if (target / perDay > maxDays) {
      const base = buildProfile(catalog, options.listenerId, endMs, habits).habits;
      const k = Math.sqrt(target / perDay / maxDays);
      habits = { ...habits, sessionsPerDay: base.sessionsPerDay * k * 1.1, tracksPerSession: base.tracksPerSession * k * 1.1 };
      perDay = rate(habits);
    }
    days = Math.ceil((target / perDay) * 1.15) + 7;
  }
  const profile = buildProfile(catalog, options.listenerId, endMs - days * DAY_MS, habits);
  const all = function* (): Generator<Listen> {
    const g = new ListenGenerator(catalog, profile);
    while (g.nextDayStartMs <= endMs) {
      for (const x of g.nextDay()) {
        if (x.endMs > endMs) return;
        yield x;
      }
    }
  };
  // with a target, the history is the last `target` plays before `now`: count, then skip the surplus
  let skip = 0;
  if (target !== undefined) {
    let total = 0;
    for (const x of all()) if (isExportPlay(x)) total++;
    skip = Math.max(0, total - target);
  }
  return {
    catalog,
    listenerId: options.listenerId,
    country: profile.habits.country,
    listens: function* () {
      let seen = 0;
      for (const x of all()) {
        if (seen < skip) {
          if (isExportPlay(x)) seen++;
          continue;
        }
        yield x;
      }
    },
  };
}

/** The plays of an export per ARCHITECTURE §5 (ground truth for importers), oldest first. */
export function* exportPlays(options: Omit<ExportOptions, 'out'>): Generator<ExportPlay> {
  const src = source({ ...options, out: '' });
  for (const l of src.listens()) {
    if (!isExportPlay(l) || isVideo(l)) continue;
    yield { trackId: src.catalog.tracks[l.itemIndex].id, playedAtMs: Math.floor(l.endMs / 1000) * 1000 - l.msPlayed, msPlayed: l.msPlayed };
  }
}

class RowWriter {
  private readonly trackFrag: Array<string | undefined>;
  private readonly episodeFrag: Array<string | undefined>;
  private readonly username: string;
  private readonly ua = new Map<string, string>();

  constructor(private readonly src: Source) {
    this.trackFrag = new Array(src.catalog.tracks.length);
    this.episodeFrag = new Array(src.catalog.episodes.length);
    this.username = JSON.stringify(`fake-username-${src.listenerId}`);
  }

  private userAgent(platform: string): string {
    let ua = this.ua.get(platform);
    if (!ua) {
      ua = JSON.stringify(`FAKE-UA Spotify/8.9.96 ${platform} (emulator, not a real user agent)`);
      this.ua.set(platform, ua);
    }
    return ua;
  }

  private media(l: Listen): string {
    const c = this.src.catalog;
    if (l.kind === 'track') {
      let f = this.trackFrag[l.itemIndex];
      if (f === undefined) {
        const t = c.tracks[l.itemIndex];
        f = `
    "master_metadata_track_name": ${JSON.stringify(t.name)},
    "master_metadata_album_artist_name": ${JSON.stringify(c.artists[t.artistIndexes[0]].name)},
    "master_metadata_album_album_name": ${JSON.stringify(c.albums[t.albumIndex].name)},
    "spotify_track_uri": "spotify:track:${t.id}",
    "episode_name": null,
    "episode_show_name": null,
    "spotify_episode_uri": null,`;
        this.trackFrag[l.itemIndex] = f;
      }
      return f;
    }
    if (l.kind === 'episode') {
      let f = this.episodeFrag[l.itemIndex];
      if (f === undefined) {
        const e = c.episodes[l.itemIndex];
        f = `
    "master_metadata_track_name": null,
    "master_metadata_album_artist_name": null,
    "master_metadata_album_album_name": null,
    "spotify_track_uri": null,
    "episode_name": ${JSON.stringify(e.name)},
    "episode_show_name": ${JSON.stringify(c.shows[e.showIndex].name)},
    "spotify_episode_uri": "spotify:episode:${e.id}",`;
        this.episodeFrag[l.itemIndex] = f;
      }
      return f;
    }
    return `
    "master_metadata_track_name": null,
    "master_metadata_album_artist_name": null,
    "master_metadata_album_album_name": null,
    "spotify_track_uri": null,
    "episode_name": null,
    "episode_show_name": null,
    "spotify_episode_uri": null,`;
  }

  /** One extended-history row, pretty-printed like the real files (2-space indent). */
  row(l: Listen): string {
    const ip = `203.0.113.${(hash32(this.src.listenerId, Math.floor(l.startMs / DAY_MS)) % 254) + 1}`;
    return `  {
    "ts": "${isoSecond(l.endMs)}",
    "username": ${this.username},
    "platform": "${l.platform}",
    "ms_played": ${l.msPlayed},
    "conn_country": "${l.country}",
    "ip_addr": "${ip}",
    "ip_addr_decrypted": "${ip}",
    "user_agent_decrypted": ${this.userAgent(l.platform)},${this.media(l)}
    "audiobook_title": null,
    "audiobook_uri": null,
    "audiobook_chapter_uri": null,
    "audiobook_chapter_title": null,
    "reason_start": "${l.reasonStart}",
    "reason_end": "${l.reasonEnd}",
    "shuffle": ${l.shuffle},
    "skipped": ${l.skipped},
    "offline": ${l.offline},
    "offline_timestamp": ${l.offlineTimestamp === null ? null : Math.floor(l.offlineTimestamp / 1000)},
    "incognito_mode": ${l.incognito}
  }`;
  }

  /** Account-data music row: endTime "YYYY-MM-DD HH:mm" (UTC, no seconds). */
  musicRow(l: Listen): string {
    const c = this.src.catalog;
    const t = c.tracks[l.itemIndex];
    const end = new Date(l.endMs).toISOString();
    return `  {
    "endTime": "${end.slice(0, 10)} ${end.slice(11, 16)}",
    "artistName": ${JSON.stringify(c.artists[t.artistIndexes[0]].name)},
    "trackName": ${JSON.stringify(t.name)},
    "msPlayed": ${l.msPlayed}
  }`;
  }

  podcastRow(l: Listen): string {
    const c = this.src.catalog;
    const e = c.episodes[l.itemIndex];
    const end = new Date(l.endMs).toISOString();
    return `  {
    "endTime": "${end.slice(0, 10)} ${end.slice(11, 16)}",
    "podcastName": ${JSON.stringify(c.shows[e.showIndex].name)},
    "episodeName": ${JSON.stringify(e.name)},
    "msPlayed": ${l.msPlayed}
  }`;
  }
}

/** A JSON array file whose rows are pulled lazily from a shared iterator. */
function arrayStream(next: () => string | undefined): Readable {
  let first = true;
  let done = false;
  return new Readable({
    read() {
      if (done) return;
      const parts: string[] = [];
      if (first) parts.push('[\n');
      for (let i = 0; i < 400; i++) {
        const row = next();
        if (row === undefined) {
          done = true;
          break;
        }
        parts.push(first ? row : `,\n${row}`);
        first = false;
      }
      if (done) parts.push(first ? ']' : '\n]');
      this.push(parts.join(''));
      if (done) this.push(null);
    },
  });
}

/** Minimal valid PDF, like the ReadMeFirst document of real exports. */
function placeholderPdf(): Buffer {
  const text = 'Spotify emulator: synthetic export, not real data.';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length + 30} >>\nstream\nBT /F1 12 Tf 72 720 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface Entry {
  name: string;
  stream: () => Readable;
}

async function writeEntries(entries: Entry[], options: ExportOptions): Promise<number> {
  let bytes = 0;
  if (options.loose) {
    for (const e of entries) {
      const path = join(options.out, e.name);
      mkdirSync(dirname(path), { recursive: true });
      const s = e.stream();
      s.on('data', (c: Buffer | string) => (bytes += c.length));
      await pipeline(s, createWriteStream(path));
    }
    return bytes;
  }
  mkdirSync(dirname(options.out), { recursive: true });
  const zip = new ZipFile();
  const mtime = new Date(options.world ? options.world.now() : DEFAULT_NOW);
  for (const e of entries) {
    zip.addReadStreamLazy(e.name, { mtime, compressionLevel: options.compressionLevel ?? 1 }, (cb) => cb(null, e.stream()));
  }
  zip.end();
  const out = createWriteStream(options.out);
  zip.outputStream.on('data', (c: Buffer) => (bytes += c.length));
  await pipeline(zip.outputStream, out);
  return bytes;
}

/**
 * Generate a listener's export. Memory stays bounded: pass 1 walks the listens to size the
 * files (their names carry the years they cover), pass 2 streams the rows into the zip.
 */
export async function generateExport(options: ExportOptions): Promise<ExportSummary> {
  const src = source(options);
  const writer = new RowWriter(src);
  const rowsPerFile = options.rowsPerFile ?? 15_000;
  const summary: ExportSummary = {
    listenerId: src.listenerId,
    files: [],
    rows: 0,
    plays: 0,
    podcastRows: 0,
    videoRows: 0,
    incognitoRows: 0,
    shortRows: 0,
    nullUriRows: 0,
    firstTs: null,
    lastTs: null,
    firstPlayedAt: null,
    lastPlayedAt: null,
    bytes: 0,
  };

  if (options.format === 'account-data') return generateAccountData(options, src, writer, summary);

  // pass 1: counts and the year span of each audio file
  const files: Array<{ first: number; last: number }> = [];
  let inFile = 0;
  let videoFirst = 0;
  let videoLast = 0;
  let firstPlay: number | null = null;
  let lastPlay: number | null = null;
  let firstEnd: number | null = null;
  let lastEnd = 0;
  const video: Listen[] = []; // video podcast rows are few: kept for the Video file
  for (const l of src.listens()) {
    const year = new Date(l.endMs).getUTCFullYear();
    if (isVideo(l)) {
      video.push(l);
      if (summary.videoRows++ === 0) videoFirst = year;
      videoLast = year;
      continue;
    }
    if (inFile === 0) files.push({ first: year, last: year });
    files[files.length - 1].last = year;
    inFile = (inFile + 1) % rowsPerFile;
    summary.rows++;
    if (firstEnd === null) firstEnd = l.endMs;
    lastEnd = l.endMs;
    if (l.kind === 'episode') summary.podcastRows++;
    if (l.kind === 'unknown') summary.nullUriRows++;
    if (l.incognito) summary.incognitoRows++;
    if (l.msPlayed < 30_000) summary.shortRows++;
    if (isExportPlay(l)) {
      summary.plays++;
      const at = Math.floor(l.endMs / 1000) * 1000 - l.msPlayed;
      if (firstPlay === null) firstPlay = at;
      lastPlay = at;
    }
  }
  summary.firstTs = firstEnd === null ? null : isoSecond(firstEnd);
  summary.lastTs = firstEnd === null ? null : isoSecond(lastEnd);
  summary.firstPlayedAt = firstPlay === null ? null : new Date(firstPlay).toISOString();
  summary.lastPlayedAt = lastPlay === null ? null : new Date(lastPlay).toISOString();

  // pass 2: stream rows
  const dir = 'Spotify Extended Streaming History';
  const years = (a: number, b: number) => (a === b ? `${a}` : `${a}-${b}`);
  const audio = src.listens()[Symbol.iterator]();
  const nextAudio = (): Listen | undefined => {
    for (;;) {
      const r = audio.next();
      if (r.done) return undefined;
      if (!isVideo(r.value)) return r.value;
    }
  };
  const entries: Entry[] = files.map((f, i) => ({
    name: `${dir}/Streaming_History_Audio_${years(f.first, f.last)}_${i}.json`,
    stream: () => {
      let left = rowsPerFile;
      return arrayStream(() => {
        if (left-- <= 0) return undefined;
        const l = nextAudio();
        return l && writer.row(l);
      });
    },
  }));
  const videoYears = summary.videoRows
    ? years(videoFirst, videoLast)
    : years(new Date(lastEnd || DEFAULT_NOW).getUTCFullYear(), new Date(lastEnd || DEFAULT_NOW).getUTCFullYear());
  entries.push({
    name: `${dir}/Streaming_History_Video_${videoYears}.json`,
    stream: () => {
      let i = 0;
      return arrayStream(() => (i < video.length ? writer.row(video[i++]) : undefined));
    },
  });
  entries.push({ name: `${dir}/ReadMeFirst_ExtendedStreamingHistory.pdf`, stream: () => Readable.from([placeholderPdf()]) });
  summary.files = entries.map((e) => e.name);
  summary.bytes = await writeEntries(entries, options);
  return summary;
}

async function generateAccountData(options: ExportOptions, src: Source, writer: RowWriter, summary: ExportSummary): Promise<ExportSummary> {
  // account data covers the last year only
  let lastEnd = 0;
  for (const l of src.listens()) lastEnd = l.endMs;
  const from = lastEnd - 365 * DAY_MS;
  const rowsPerFile = options.rowsPerFile ?? 10_000;
  const music = (l: Listen) => l.endMs > from && l.kind === 'track' && !l.incognito;
  const podcast = (l: Listen) => l.endMs > from && l.kind === 'episode' && !l.incognito;
  let musicRows = 0;
  let podcastRows = 0;
  for (const l of src.listens()) {
    if (music(l)) {
      musicRows++;
      if (l.msPlayed >= 30_000) summary.plays++;
      else summary.shortRows++;
    } else if (podcast(l)) podcastRows++;
  }
  summary.rows = musicRows;
  summary.podcastRows = podcastRows;
  const dir = 'Spotify Account Data';
  const it = src.listens()[Symbol.iterator]();
  const nextMusic = () => {
    for (;;) {
      const r = it.next();
      if (r.done) return undefined;
      if (music(r.value)) return r.value;
    }
  };
  const entries: Entry[] = [];
  for (let i = 0; i * rowsPerFile < Math.max(1, musicRows); i++) {
    entries.push({
      name: `${dir}/StreamingHistory_music_${i}.json`,
      stream: () => {
        let left = rowsPerFile;
        return arrayStream(() => {
          if (left-- <= 0) return undefined;
          const l = nextMusic();
          return l && writer.musicRow(l);
        });
      },
    });
  }
  entries.push({
    name: `${dir}/StreamingHistory_podcast_0.json`,
    stream: () => {
      const pit = src.listens()[Symbol.iterator]();
      return arrayStream(() => {
        for (;;) {
          const r = pit.next();
          if (r.done) return undefined;
          if (podcast(r.value)) return writer.podcastRow(r.value);
        }
      });
    },
  });
  entries.push({
    name: `${dir}/Userdata.json`,
    stream: () =>
      Readable.from([
        JSON.stringify(
          {
            username: `fake-username-${src.listenerId}`,
            email: `${src.listenerId}@example.invalid`,
            country: src.country,
            createdFromFacebook: false,
          },
          null,
          2,
        ),
      ]),
  });
  entries.push({ name: `${dir}/ReadMeFirst_AccountData.pdf`, stream: () => Readable.from([placeholderPdf()]) });
  summary.files = entries.map((e) => e.name);
  summary.bytes = await writeEntries(entries, options);
  return summary;
}
