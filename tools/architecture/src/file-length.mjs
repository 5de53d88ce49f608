// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isTestFile } from './files.mjs';

export const MAX_LINES = 400;

/**
 * Files written by tools, not by hand: their length is the tool's business.
 * - package-lock.json: npm;
 * - docs/openapi.json and libs/contracts/src/openapi.d.ts: `npm run openapi`;
 * - bench/results/: `npm run bench`.
 */
const GENERATED = [/^package-lock\.json$/, /^docs\/openapi\.json$/, /^libs\/contracts\/src\/openapi\.d\.ts$/, /^bench\/results\//];

/** Lines of a text: a last line without a newline counts; a trailing newline adds none. */
export function countLines(/** @type {string} */ text) {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/**
 * Every file of the repository outside tests (code, styles, SQL, docs, configuration) that is
 * longer than MAX_LINES lines, generated files and binary files aside.
 * @param {string} root
 * @param {string[]} files repository files (see repoFiles)
 * @returns {{ file: string, lines: number }[]}
 */
export function longFiles(root, files) {
  /** @type {{ file: string, lines: number }[]} */
  const long = [];
  for (const file of files) {
    if (isTestFile(file) || GENERATED.some((re) => re.test(file))) continue;
    const bytes = readFileSync(path.join(root, file));
    if (bytes.includes(0)) continue;
    const lines = countLines(bytes.toString('utf8'));
    if (lines > MAX_LINES) long.push({ file, lines });
  }
  return long;
}

/**
 * @param {string} root
 * @param {string[]} files repository files (see repoFiles)
 * @returns {{ key: string, message: string }[]} one problem per long file, keyed by the file
 */
export function checkFileLength(root, files) {
  return longFiles(root, files).map(({ file, lines }) => ({
    key: file,
    message: `${file}: ${lines} lines, more than ${MAX_LINES}: split it by concern`,
  }));
}
