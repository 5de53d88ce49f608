import { chmodSync, createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import path from 'node:path';

/** A directory only its owner can enter: logs may hold request ids, account ids and error details. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** An append-only log file readable by its owner only (0600), in a 0700 directory. */
export function openLogFile(dir: string, name: string): WriteStream {
  ensurePrivateDir(dir);
  const file = path.join(dir, name);
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  // An older file keeps its mode on append: tighten it too.
  stream.once('open', () => chmodSync(file, 0o600));
  return stream;
}
