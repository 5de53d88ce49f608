import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { ImportInputError } from './import-error';
import { SkippedFile, classifyExportFile, isVideoHistory } from './export-files';

export interface ZipLimits {
  /** Most entries a zip may list (a zip bomb can hold millions of tiny ones). */
  maxEntries: number;
  /** Largest uncompressed size of one history file inside a zip. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all history files of a zip together. */
  maxTotalBytes: number;
}

export function zipLimitsOf(config: {
  IMPORT_ZIP_MAX_ENTRIES: number;
  IMPORT_ZIP_MAX_ENTRY_BYTES: number;
  IMPORT_ZIP_MAX_TOTAL_BYTES: number;
}): ZipLimits {
  return {
    maxEntries: config.IMPORT_ZIP_MAX_ENTRIES,
    maxEntryBytes: config.IMPORT_ZIP_MAX_ENTRY_BYTES,
    maxTotalBytes: config.IMPORT_ZIP_MAX_TOTAL_BYTES,
  };
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 512 * 1024 * 1024,
  // a real export holds ~0.9 GB of history per million plays, read as a stream: 5M plays is 4.4 GB
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
};

export interface ImportFileRef {
  /** Name shown to the user (the uploaded file name). */
  name: string;
  path: string;
}

/** One history file to read: a loose .json file or an entry of a zip. */
export interface HistoryEntry {
  /** e.g. `my_spotify_data.zip: Spotify Extended Streaming History/Streaming_History_Audio_2024_3.json` */
  label: string;
  /** The file's path inside the zip, or the uploaded file's name. */
  name: string;
  /** Bytes the parser will read (uncompressed). */
  bytes: number;
  /** Streaming_History_Video files hold video episodes. */
  video: boolean;
  open(): Promise<Readable>;
}

/** What an upload resolves to: the history files to read, and the files skipped by name. */
export interface ExportSources {
  entries: HistoryEntry[];
  skipped: SkippedFile[];
}

export type FileKind = 'zip' | 'json';

/** Decides from the first bytes (not the name) whether a file is a zip or JSON. */
export async function sniffFile(file: ImportFileRef): Promise<FileKind> {
  const handle = await open(file.path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead === 0) throw new ImportInputError(`${file.name} is empty`);
    if (
      bytesRead >= 4 &&
      buffer[0] === 0x50 &&
      buffer[1] === 0x4b &&
      (buffer[2] === 0x03 || buffer[2] === 0x05) &&
      (buffer[3] === 0x04 || buffer[3] === 0x06)
    )
      return 'zip';
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    text = text.replace(/^[\ufeff\s]+/, '');
    if (text === '') return 'json';
    if (text[0] === '[' || text[0] === '{') return 'json';
    throw new ImportInputError(
      `${file.name} is neither JSON nor a zip: upload the .json files of a Spotify privacy export, or the export's .zip`,
      415,
    );
  } finally {
    await handle.close();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

function zipProblem(name: string, error: unknown): ImportInputError {
  const message = error instanceof Error ? error.message : String(error);
  const unsafe = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/.exec(message);
  if (unsafe)
    return new ImportInputError(
      `${name} holds an entry with an unsafe path (${JSON.stringify(unsafe[2])}): absolute paths and ".." are refused`,
    );
  return new ImportInputError(`${name} is not a readable zip: ${message}`);
}

interface ZipHistoryEntry {
  fileName: string;
  uncompressedSize: number;
  video: boolean;
  /** its central-directory record, to open it without listing the zip again */
  entry: yauzl.Entry;
}

/**
 * Lists a zip's history entries and the files it skips, enforcing the path rules (on every
 * entry) and the zip-bomb limits (on what will be unpacked) on the central directory.
 */
async function inspectZip(file: ImportFileRef, limits: ZipLimits): Promise<{ found: ZipHistoryEntry[]; skipped: SkippedFile[] }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file.path);
  } catch (error) {
    throw zipProblem(file.name, error);
  }
  try {
    if (zip.entryCount === 0) throw new ImportInputError(`${file.name} is an empty zip`);
    if (zip.entryCount > limits.maxEntries)
      throw new ImportInputError(
        `${file.name} lists ${zip.entryCount} entries, more than the limit of ${limits.maxEntries} (IMPORT_ZIP_MAX_ENTRIES)`,
      );
    const found: ZipHistoryEntry[] = [];
    const skipped: SkippedFile[] = [];
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error) => reject(error instanceof ImportInputError ? error : zipProblem(file.name, error)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        // folders and the Finder's resource forks are not files of the export
        if (entry.fileName.endsWith('/') || /(^|\/)__MACOSX\//.test(entry.fileName)) return zip.readEntry();
        const verdict = classifyExportFile(entry.fileName);
        if (!verdict.history) skipped.push({ name: entry.fileName, reason: verdict.reason });
        else {
          if (entry.uncompressedSize > limits.maxEntryBytes) {
            return reject(
              new ImportInputError(
                `${file.name}: ${entry.fileName} would unpack to ${entry.uncompressedSize} bytes, more than the limit of ${limits.maxEntryBytes} (IMPORT_ZIP_MAX_ENTRY_BYTES)`,
              ),
            );
          }
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes) {
            return reject(
              new ImportInputError(
                `${file.name} would unpack to more than ${limits.maxTotalBytes} bytes of history (IMPORT_ZIP_MAX_TOTAL_BYTES)`,
              ),
            );
          }
          found.push({ fileName: entry.fileName, uncompressedSize: entry.uncompressedSize, video: verdict.video, entry });
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
    if (found.length === 0) {
      throw new ImportInputError(
        `${file.name} holds no Spotify streaming history: expected files named Streaming_History_Audio_*.json, endsong_*.json or StreamingHistory*.json`,
      );
    }
    const byName = (a: { fileName: string } | { name: string }, b: { fileName: string } | { name: string }) =>
      ('fileName' in a ? a.fileName : a.name).localeCompare('fileName' in b ? b.fileName : b.name, 'en', { numeric: true });
    return { found: found.sort(byName), skipped: skipped.sort(byName) };
  } finally {
    zip.close();
  }
}

/**
 * Fails the stream as soon as more bytes arrive than were allowed (a zip lying about its sizes),
 * and at the end when fewer arrived than the entry declares.
 */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(
    private readonly limit: number,
    private readonly declared: number,
    private readonly what: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit)
      return cb(new ImportInputError(`${this.what} unpacks to more than ${this.limit} bytes: refused as a possible zip bomb`));
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    if (this.seen < this.declared)
      return cb(new ImportInputError(`${this.what} unpacks to fewer bytes than it declares: the zip is damaged`));
    cb();
  }
}

const STORED = 0;
const DEFLATED = 8;
/**
 * Unzipped in 32 KiB pieces: yauzl's 16 KiB double the unzip time (one round trip to the zlib
 * thread each), while much larger pieces decode to strings V8 keeps apart (see BATCH_CHARS).
 */
const INFLATE_CHUNK_BYTES = 32 * 1024;

/**
 * Opens one history entry from the central-directory record inspectZip kept: a fresh handle
 * on the file reads only the end record, not every entry before the wanted one again.
 */
function openZipEntry(file: ImportFileRef, wanted: ZipHistoryEntry, limits: ZipLimits): Promise<Readable> {
  const { entry } = wanted;
  if (entry.isEncrypted() || (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED))
    return Promise.reject(
      zipProblem(file.name, new Error(`${wanted.fileName} is encrypted or uses compression method ${entry.compressionMethod}`)),
    );
  return openZip(file.path).then(
    (zip) =>
      new Promise<Readable>((resolve, reject) => {
        zip.on('error', (error) => reject(zipProblem(file.name, error)));
        zip.openReadStream(entry, { decodeFileData: false }, (error, raw) => {
          if (error || !raw) {
            zip.close();
            return reject(
              new ImportInputError(
                `${file.name} changed while it was being imported: ${wanted.fileName} cannot be read (${error?.message})`,
              ),
            );
          }
          const what = `${file.name}: ${wanted.fileName}`;
          const limited = new ByteLimit(Math.min(limits.maxEntryBytes, wanted.uncompressedSize), wanted.uncompressedSize, what);
          const fail = (e: Error) => limited.destroy(e instanceof ImportInputError ? e : zipProblem(file.name, e));
          raw.on('error', fail);
          limited.on('close', () => {
            raw.destroy();
            zip.close();
          });
          if (entry.compressionMethod === STORED) return resolve(raw.pipe(limited));
          const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
          inflate.on('error', fail);
          limited.on('close', () => inflate.destroy());
          resolve(raw.pipe(inflate).pipe(limited));
        });
      }),
    (error) => Promise.reject(zipProblem(file.name, error)),
  );
}

/**
 * Resolves uploaded or named files into the history files to read, in a fixed order:
 * one zip, or one or more loose JSON files. Every check that needs no parsing
 * (kind, zip paths, zip-bomb limits, presence of history files) happens here, and the files
 * of a zip that are not listening history are set aside with the reason.
 */
export async function resolveHistoryEntries(files: ImportFileRef[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ExportSources> {
  if (files.length === 0)
    throw new ImportInputError('No files: send one .zip or one or more .json files of a Spotify privacy export in the "files" field');
  const kinds = await Promise.all(files.map((f) => sniffFile(f)));
  const zips = kinds.filter((k) => k === 'zip').length;
  if (zips > 0 && files.length > 1)
    throw new ImportInputError('Send either one .zip or one or more .json files, not several zips or a zip together with other files');
  if (zips === 1) {
    const file = files[0];
    const { found, skipped } = await inspectZip(file, limits);
    const entries = found.map((entry) => ({
      label: `${file.name}: ${entry.fileName}`,
      name: entry.fileName,
      bytes: entry.uncompressedSize,
      video: entry.video,
      open: () => openZipEntry(file, entry, limits),
    }));
    return { entries, skipped };
  }
  // Loose files were picked by the user: each is read, and its first row decides what it holds.
  const entries: HistoryEntry[] = [];
  for (const file of files) {
    const { size } = await stat(file.path);
    entries.push({
      label: file.name,
      name: file.name,
      bytes: size,
      video: isVideoHistory(file.name),
      open: async () => createReadStream(file.path, { highWaterMark: 1 << 20 }),
    });
  }
  return { entries, skipped: [] };
}
