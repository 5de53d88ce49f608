import { checkFileLength, countLines, longFiles, MAX_LINES } from '../src/file-length.mjs';
import { scratchRepo, unknownProblems } from './scratch';

const scratch = scratchRepo();

const lines = (n: number) => 'x\n'.repeat(n);

test('no file of the repository outside tests is longer than 400 lines, but the known ones', () => {
  expect(unknownProblems('file length', checkFileLength)).toEqual([]);
});

test('lines are counted as an editor shows them', () => {
  expect(countLines('')).toBe(0);
  expect(countLines('a')).toBe(1);
  expect(countLines('a\n')).toBe(1);
  expect(countLines('a\nb')).toBe(2);
  expect(countLines('a\n\n')).toBe(2);
});

test('every kind of file counts; tests, generated and binary files do not', () => {
  const files = scratch.tree({
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
  expect(longFiles(scratch.dir, files)).toEqual([
    { file: 'apps/a/src/long.ts', lines: 401 },
    { file: 'apps/web/src/styles.css', lines: 401 },
    { file: 'libs/models/marts/fct.sql', lines: 402 },
    { file: 'docs/guide.md', lines: 403 },
  ]);
});
