import busboy from 'busboy';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
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
 * Streams a multipart upload (field `files`) to `dir`, never buffering a file in memory.
 * Over `maxBytes` (all files together) the upload is cut off and refused with 413.
 * On any problem the directory is removed before the error is thrown.
 */
export async function receiveUpload(req: Request, dir: string, maxBytes: number): Promise<StoredUpload[]> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw new ImportInputError(
      `Send the export as multipart/form-data with the files in the "${UPLOAD_FIELD}" field (got ${contentType ? JSON.stringify(contentType.split(';')[0]) : 'no content type'})`,
      415,
    );
  }
  await mkdir(dir, { recursive: true });
  const files: StoredUpload[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: MAX_FILES, fields: 10 } });
      } catch (error) {
        return reject(new ImportInputError(`Malformed multipart request: ${error instanceof Error ? error.message : String(error)}`));
      }
      let total = 0;
      let failed = false;
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
        const target = path.join(dir, diskName(files.length, name));
        const stored: StoredUpload = { name, path: target, bytes: 0 };
        files.push(stored);
        const out = createWriteStream(target);
        const tooLarge = () => new ImportInputError(`Upload is larger than the limit of ${maxBytes} bytes (IMPORT_MAX_BYTES)`, 413);
        stream.on('data', (chunk: Buffer) => {
          stored.bytes += chunk.length;
          total += chunk.length;
          if (total > maxBytes) {
            stream.unpipe(out);
            stream.resume();
            fail(tooLarge());
          }
        });
        stream.on('limit', () => fail(tooLarge()));
        writes.push(
          new Promise<void>((res, rej) => {
            out.on('finish', () => res());
            out.on('error', rej);
            stream.on('error', rej);
          }),
        );
        stream.pipe(out);
      });
      parser.on('filesLimit', () => fail(new ImportInputError(`Too many files: at most ${MAX_FILES} in one upload`)));
      parser.on('error', (error: Error) => fail(new ImportInputError(`Malformed multipart request: ${error.message}`)));
      parser.on('close', () => {
        if (failed) return;
        Promise.all(writes).then(
          () => resolve(),
          (error: Error) => fail(error),
        );
      });
      req.on('aborted', () => fail(new ImportInputError('The upload was interrupted')));
      req.pipe(parser);
    });
    if (files.length === 0) throw new ImportInputError(`No files: send one .zip or one or more .json files in the "${UPLOAD_FIELD}" field`);
    const empty = files.find((f) => f.bytes === 0);
    if (empty) throw new ImportInputError(`${empty.name} is empty`);
    return files;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export function newImportId(): string {
  return randomUUID();
}
