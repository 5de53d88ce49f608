import busboy from 'busboy';
import { randomUUID } from 'node:crypto';
import { createWriteStream, WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { ImportInputError } from './parsing/import-error';

export interface StoredUpload {
  name: string;
  path: string;
  bytes: number;
}

export const UPLOAD_FIELD = 'files';
const MAX_FILES = 200;

/** A file name safe to use on disk: no directories, no odd characters. */
function diskName(index: number, name: string): string {
  const base =
    path
      .basename(name.replace(/\\/g, '/'))
      .replace(/[^A-Za-z0-9._ -]/g, '_')
      .slice(0, 120) || 'file';
  return `${String(index).padStart(3, '0')}-${base}`;
}

/**
 * Streams a multipart upload (field `files`) to `dir` (0700, files 0600), never buffering a file
 * in memory. Over `maxBytes` (all files together) the upload is cut off and refused with 413; a
 * body that ends early (a client gone, a truncated request) is a 400.
 * On any problem every file written is closed and the directory removed before the error is thrown.
 */
export async function receiveUpload(req: Request, dir: string, maxBytes: number): Promise<StoredUpload[]> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw new ImportInputError(
      `Send the export as multipart/form-data with the files in the "${UPLOAD_FIELD}" field (got ${contentType ? JSON.stringify(contentType.split(';')[0]) : 'no content type'})`,
      415,
    );
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files: StoredUpload[] = [];
  const outputs: WriteStream[] = [];
  try {
    await receiveParts(req, dir, maxBytes, files, outputs);
    if (files.length === 0) throw new ImportInputError(`No files: send one .zip or one or more .json files in the "${UPLOAD_FIELD}" field`);
    const empty = files.find((f) => f.bytes === 0);
    if (empty) throw new ImportInputError(`${empty.name} is empty`);
    return files;
  } catch (error) {
    // A file still open would be written (or created) after the removal below.
    await Promise.all(outputs.map(closed));
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Resolves once the stream's file descriptor is closed (or was never opened). */
function closed(out: WriteStream): Promise<void> {
  if (out.closed) return Promise.resolve();
  return new Promise((resolve) => {
    out.once('close', () => resolve());
    out.destroy();
  });
}

function receiveParts(req: Request, dir: string, maxBytes: number, files: StoredUpload[], outputs: WriteStream[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: MAX_FILES, fields: 10 } });
    } catch (error) {
      return reject(new ImportInputError(`Malformed multipart request: ${error instanceof Error ? error.message : String(error)}`));
    }
    let total = 0;
    let failed = false;
    // Every write is settled from the start (never an unhandled rejection): a failed one fails the upload.
    const writes: Promise<void>[] = [];
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('file', (field, stream, info) => {
      if (failed) return stream.resume();
      if (field !== UPLOAD_FIELD) {
        stream.resume();
        return fail(new ImportInputError(`Unexpected file field "${field}": send the export in the "${UPLOAD_FIELD}" field`));
      }
      const name = info.filename || `file-${files.length + 1}`;
      const stored: StoredUpload = { name, path: path.join(dir, diskName(files.length, name)), bytes: 0 };
      files.push(stored);
      const out = createWriteStream(stored.path, { mode: 0o600 });
      outputs.push(out);
      const tooLarge = () => new ImportInputError(`Upload is larger than the limit of ${maxBytes} bytes (IMPORT_MAX_BYTES)`, 413);
      stream.on('data', (chunk: Buffer) => {
        stored.bytes += chunk.length;
        total += chunk.length;
        if (total > maxBytes) fail(tooLarge());
      });
      stream.on('limit', () => fail(tooLarge()));
      writes.push(
        pipeline(stream, out).catch((error: Error) => {
          if (failed) return;
          fail(
            error.message === 'Unexpected end of file' || error.message === 'Unexpected end of form'
              ? new ImportInputError('The upload ended before its last file did (a truncated multipart body)')
              : error,
          );
        }),
      );
    });
    parser.on('filesLimit', () => fail(new ImportInputError(`Too many files: at most ${MAX_FILES} in one upload`)));
    parser.on('error', (error: Error) =>
      fail(
        new ImportInputError(
          error.message === 'Unexpected end of form'
            ? 'The upload ended before its closing boundary (a truncated multipart body)'
            : `Malformed multipart request: ${error.message}`,
        ),
      ),
    );
    parser.on('close', () => {
      if (!failed) void Promise.all(writes).then(() => !failed && resolve());
    });
    req.on('aborted', () => fail(new ImportInputError('The upload was interrupted')));
    req.on('error', (error: Error) => fail(new ImportInputError(`The upload was interrupted: ${error.message}`)));
    req.pipe(parser);
  });
}

export function newImportId(): string {
  return randomUUID();
}
