/** Writing an export's files: JSON arrays streamed row by row, into a zip (yazl) or a folder. */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { ExportOptions } from './export-options';
import { DEFAULT_NOW } from './world-types';

/** A JSON array file whose rows are pulled lazily from a shared iterator (`minified`: on one line). */
export function arrayStream(next: () => string | undefined, options: { minified?: boolean } = {}): Readable {
  const nl = options.minified ? '' : '\n';
  let first = true;
  let done = false;
  return new Readable({
    read() {
      if (done) return;
      const parts: string[] = [];
      if (first) parts.push(`[${nl}`);
      for (let i = 0; i < 400; i++) {
        const row = next();
        if (row === undefined) {
          done = true;
          break;
        }
        parts.push(first ? row : `,${nl}${row}`);
        first = false;
      }
      if (done) parts.push(first ? ']' : `${nl}]`);
      this.push(parts.join(''));
      if (done) this.push(null);
    },
  });
}

/** Minimal valid PDF, like the ReadMeFirst document of real exports. */
export function placeholderPdf(): Buffer {
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

export interface Entry {
  name: string;
  stream: () => Readable;
}

/** Writes the files; `bytes` is what was written (the zip, or the loose files), `unpackedBytes` the files' own size. */
export async function writeEntries(entries: Entry[], options: ExportOptions): Promise<{ bytes: number; unpackedBytes: number }> {
  let unpackedBytes = 0;
  const counted = (e: Entry) => {
    const s = e.stream();
    s.on('data', (c: Buffer | string) => (unpackedBytes += typeof c === 'string' ? Buffer.byteLength(c) : c.length));
    return s;
  };
  if (options.loose) {
    for (const e of entries) {
      const path = join(options.out, e.name);
      mkdirSync(dirname(path), { recursive: true });
      await pipeline(counted(e), createWriteStream(path));
    }
    return { bytes: unpackedBytes, unpackedBytes };
  }
  mkdirSync(dirname(options.out), { recursive: true });
  const zip = new ZipFile();
  const mtime = new Date(options.world ? options.world.now() : DEFAULT_NOW);
  for (const e of entries) {
    zip.addReadStreamLazy(e.name, { mtime, compressionLevel: options.compressionLevel ?? 1 }, (cb) => cb(null, counted(e)));
  }
  zip.end();
  let bytes = 0;
  const out = createWriteStream(options.out);
  zip.outputStream.on('data', (c: Buffer) => (bytes += c.length));
  await pipeline(zip.outputStream, out);
  return { bytes, unpackedBytes };
}
