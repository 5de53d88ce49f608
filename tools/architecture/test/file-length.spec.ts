import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkFileLength, countLines, longFiles, MAX_LINES } from '../src/file-length.mjs';
import { repoFiles } from '../src/files.mjs';
import { KNOWN_PROBLEMS } from '../src/known-problems.mjs';

const ROOT = path.resolve(__dirname, '../../..');

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'rewind-length-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tree(files: Record<string, string | Buffer>): string[] {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return Object.keys(files);
}

const lines = (n: number) => 'x\n'.repeat(n);

test('no file of the repository outside tests is longer than 400 lines, but the known ones', () => {
  const known = KNOWN_PROBLEMS['file length'] ?? new Map();
  expect(checkFileLength(ROOT, repoFiles(ROOT)).filter((p) => !known.has(p.key))).toEqual([]);
});

test('lines are counted as an editor shows them', () => {
  expect(countLines('')).toBe(0);
  expect(countLines('a')).toBe(1);
  expect(countLines('a\n')).toBe(1);
  expect(countLines('a\nb')).toBe(2);
  expect(countLines('a\n\n')).toBe(2);
});

test('every kind of file counts; tests, generated and binary files do not', () => {
  const files = tree({
    'apps/a/src/ok.ts': lines(MAX_LINES),
    'apps/a/src/long.ts': lines(MAX_LINES) + 'x',
    'apps/web/src/styles.css': lines(MAX_LINES + 1),
    'libs/models/marts/fct.sql': lines(MAX_LINES + 2),
    'docs/guide.md': lines(MAX_LINES + 3),
    'apps/a/src/a.spec.ts': lines(1000),
    'apps/a/test/suite.ts': lines(1000),
    'apps/a/src/testing/kit.ts': lines(1000),
    'docs/openapi.json': lines(1000),
    'libs/contracts/src/openapi.d.ts': lines(1000),
    'package-lock.json': lines(1000),
    'bench/results/stats.json': lines(1000),
    'apps/web/public/logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from(lines(1000))]),
  });
  expect(longFiles(dir, files)).toEqual([
    { file: 'apps/a/src/long.ts', lines: 401 },
    { file: 'apps/web/src/styles.css', lines: 401 },
    { file: 'libs/models/marts/fct.sql', lines: 402 },
    { file: 'docs/guide.md', lines: 403 },
  ]);
});
