// @ts-check
import { execFileSync } from 'node:child_process';

/**
 * Test code: specs, `test/` folders and `testing/` folders (test kits, `libs/testing`). Everything
 * else under apps/, libs/ and tools/ is production code. The ESLint configuration uses the globs,
 * the checks of this folder the function.
 */
export const TEST_GLOBS = ['**/*.spec.ts', '**/*.test.ts', '**/test/**', '**/testing/**'];

/** @param {string} file a path relative to the repository root, with `/` separators */
export function isTestFile(file) {
  return /\.(spec|test)\.[cm]?[jt]s$/.test(file) || /(^|\/)(test|testing)\//.test(file);
}

/**
 * The files of the checkout: tracked ones and new ones Git does not ignore, relative to the root,
 * without deleted ones still in the index.
 * @param {string} root
 * @returns {string[]}
 */
export function repoFiles(root) {
  const list = (/** @type {string[]} */ ...args) =>
    execFileSync('git', ['ls-files', '-z', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
      .split('\0')
      .filter(Boolean);
  const deleted = new Set(list('--deleted'));
  return [...new Set(list('--cached', '--others', '--exclude-standard'))].filter((f) => !deleted.has(f)).sort();
}
