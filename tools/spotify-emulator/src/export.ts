/**
 * Privacy-export generator: a listener's export in the real layout of each generation,
 * streamed into a zip (yazl) or a folder of loose files, in bounded memory:
 * - `extended` (2023–2026): `Spotify Extended Streaming History/Streaming_History_Audio_<years>_N.json`,
 *   `Streaming_History_Video_<years>.json` and a PDF;
 * - `extended-2021`: `MyData/endsong_N.json`, minified, rows unsorted inside each file;
 * - `account-data` (last year only): `Spotify Account Data/StreamingHistory_music_N.json`,
 *   `_podcast_N`, `_audiobook_N` and the files that are not listening history.
 *
 * Timestamps: a listen starts at `startMs` and ends at `startMs + ms_played`; recently-played
 * lists it at its end (see reportedAtMs). Extended rows give `ts` = the end truncated to the
 * second, account data `endTime` = the end truncated to the minute.
 */
import { Readable } from 'node:stream';
import { buildCatalog } from './catalog';
import { generateAccountData } from './export-account-data';
import type { ExportOptions, ExportSummary } from './export-options';
import { arrayStream, placeholderPdf, writeEntries, type Entry } from './export-entries';
import { RowWriter, isExportPlay, isVideo, isoSecond, type Source } from './export-rows';
import { Rng } from './rng';
import { historyListens, planHistory } from './export-history';
import { buildProfile, type Listen, type ListenerHabits } from './listens';
import { DEFAULT_NOW, toMs } from './world-types';

/** A play of the export per docs/metrics.md. */
export interface ExportPlay {
  trackId: string;
  /** ts − ms_played */
  playedAtMs: number;
  msPlayed: number;
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
  const habits: Partial<ListenerHabits> = { ...options.habits };
  const plan =
    options.plays === undefined
      ? null
      : planHistory({
          catalog,
          listenerId: options.listenerId,
          endMs,
          habits,
          plays: options.plays,
          intensifyAfterDays: options.intensifyAfterDays,
        });
  const { startMs, all } = historyListens(catalog, options.listenerId, endMs, plan ?? { days: options.historyDays ?? 365, habits });
  const profile = buildProfile(catalog, options.listenerId, startMs, plan?.habits ?? habits);
  // with a target, the history is the last `plays` plays before `now`: skip the surplus
  const skip = plan?.surplus ?? 0;
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

/** The plays of an export per docs/metrics.md (ground truth for importers), oldest first. */
export function* exportPlays(options: Omit<ExportOptions, 'out'>): Generator<ExportPlay> {
  const src = source({ ...options, out: '' });
  for (const l of src.listens()) {
    if (!isExportPlay(l) || isVideo(l)) continue;
    yield { trackId: src.catalog.tracks[l.itemIndex].id, playedAtMs: Math.floor(l.endMs / 1000) * 1000 - l.msPlayed, msPlayed: l.msPlayed };
  }
}

/** A play of the export with the columns raw.plays keeps from its row. */
export interface ExportPlayRow extends ExportPlay {
  trackName: string;
  artistName: string;
  albumName: string;
  reasonStart: string;
  reasonEnd: string;
  shuffle: boolean;
  skipped: boolean | null;
  offline: boolean;
  offlineAtMs: number | null;
  platform: string;
  country: string;
}

/** The plays of an export with their row's fields (e.g. to COPY the same rows as a baseline), oldest first. */
export function* exportPlayRows(options: Omit<ExportOptions, 'out'>): Generator<ExportPlayRow> {
  const src = source({ ...options, out: '' });
  const c = src.catalog;
  for (const l of src.listens()) {
    if (!isExportPlay(l) || isVideo(l)) continue;
    const t = c.tracks[l.itemIndex];
    yield {
      trackId: t.id,
      playedAtMs: Math.floor(l.endMs / 1000) * 1000 - l.msPlayed,
      msPlayed: l.msPlayed,
      trackName: t.name,
      artistName: c.artists[t.artistIndexes[0]].name,
      albumName: c.albums[t.albumIndex].name,
      reasonStart: l.reasonStart,
      reasonEnd: l.reasonEnd,
      shuffle: l.shuffle,
      skipped: l.skipped,
      offline: l.offline,
      offlineAtMs: l.offlineTimestamp === null ? null : Math.floor(l.offlineTimestamp / 1000) * 1000,
      platform: l.platform,
      country: l.country,
    };
  }
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
    audiobookRows: 0,
    videoRows: 0,
    incognitoRows: 0,
    shortRows: 0,
    nullUriRows: 0,
    firstTs: null,
    lastTs: null,
    firstPlayedAt: null,
    lastPlayedAt: null,
    bytes: 0,
    unpackedBytes: 0,
    otherFiles: [],
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
  // 2021 exports have no video file: every episode is in endsong_N.json
  const splitsVideo = options.format !== 'extended-2021';
  for (const l of src.listens()) {
    const year = new Date(l.endMs).getUTCFullYear();
    if (splitsVideo && isVideo(l)) {
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
  if (!splitsVideo) return writeEndsong(options, src, writer, summary, files.length, rowsPerFile);
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
  summary.otherFiles = [entries[entries.length - 1].name];
  summary.files = entries.map((e) => e.name);
  Object.assign(summary, await writeEntries(entries, options));
  return summary;
}

/** 2021 layout: `MyData/endsong_N.json`, each file's rows minified and in no particular order. */
async function writeEndsong(
  options: ExportOptions,
  src: Source,
  writer: RowWriter,
  summary: ExportSummary,
  fileCount: number,
  rowsPerFile: number,
): Promise<ExportSummary> {
  const all = src.listens()[Symbol.iterator]();
  const entries: Entry[] = Array.from({ length: fileCount }, (_, i) => ({
    name: `MyData/endsong_${i}.json`,
    stream: () => {
      const rows: string[] = [];
      while (rows.length < rowsPerFile) {
        const r = all.next();
        if (r.done) break;
        rows.push(writer.endsongRow(r.value));
      }
      new Rng('endsong-order', src.listenerId, i).shuffle(rows);
      let k = 0;
      return arrayStream(() => (k < rows.length ? rows[k++] : undefined), { minified: true });
    },
  }));
  entries.push({ name: 'MyData/ReadMeFirst_ExtendedStreamingHistory.pdf', stream: () => Readable.from([placeholderPdf()]) });
  summary.otherFiles = [entries[entries.length - 1].name];
  summary.files = entries.map((e) => e.name);
  Object.assign(summary, await writeEntries(entries, options));
  return summary;
}
