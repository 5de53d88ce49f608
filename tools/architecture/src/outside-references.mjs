// @ts-check
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Files not read: generated ones (the OpenAPI document and types quote the services' descriptions,
 * which are read at their source), the lock file, this check's tests (their fixtures name missing
 * files on purpose) and the list of known problems (it quotes them).
 */
const SKIP = [
  /^package-lock\.json$/,
  /^docs\/openapi\.json$/,
  /^libs\/contracts\/src\/openapi\.d\.ts$/,
  /^bench\/results\/.+\.json$/,
  /^tools\/architecture\/test\//,
  /^tools\/architecture\/src\/known-problems\.mjs$/,
];

/** A Markdown file named in any text: a path from the root or the naming file, or a file name. */
const MARKDOWN_NAME = /(?<![\w/.@-])((?:\.{1,2}\/)*[\w-]+(?:\/[\w.-]+)*\.md)(?![\w-])/g;
/** A Markdown link or image target: `[text](target)`. */
const MARKDOWN_LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
/** A section sign and the text before it on its line. */
const SECTION = /^(.*?)§\s*[\w.]+/gm;

/**
 * References to files outside the repository: a Markdown file the repository does not hold (a
 * design document that stayed elsewhere), a Markdown link to a path that is not in the
 * repository, and a section reference (a section sign and a number) that names no document of the
 * repository (or an RFC) on its line.
 * @param {string} root
 * @param {string[]} files repository files (see repoFiles)
 * @returns {{ key: string, message: string }[]} problems, keyed by file and reference (no line number)
 */
export function checkOutsideReferences(root, files) {
  const inRepo = new Set(files);
  const names = new Set(files.map((f) => path.posix.basename(f)));
  /** @type {{ key: string, message: string }[]} */
  const problems = [];
  const report = (/** @type {string} */ file, /** @type {number} */ line, /** @type {string} */ what) =>
    problems.push({ key: `${file}: ${what}`, message: `${file}:${line}: ${what}` });
  for (const file of files) {
    if (SKIP.some((re) => re.test(file))) continue;
    const bytes = readFileSync(path.join(root, file));
    if (bytes.includes(0)) continue;
    const text = bytes.toString('utf8');
    const dir = path.posix.dirname(file);
    const lineOf = (/** @type {number} */ index) => text.slice(0, index).split('\n').length;
    const exists = (/** @type {string} */ target) => resolveInRepo(root, inRepo, dir, target);

    for (const match of text.matchAll(MARKDOWN_NAME)) {
      // A bare file name (`summary.md`, written by a tool) may live anywhere in the repository.
      if (!match[1].includes('/') && names.has(match[1])) continue;
      if (!exists(match[1])) report(file, lineOf(match.index), `names ${match[1]}, which is not a file of the repository`);
    }
    if (file.endsWith('.md')) {
      for (const match of text.matchAll(MARKDOWN_LINK)) {
        const target = match[1].split('#')[0];
        if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // anchors, URLs
        if (!exists(decodeURI(target))) report(file, lineOf(match.index), `links to ${match[1]}, which is not in the repository`);
      }
    }
    for (const match of text.matchAll(SECTION)) {
      const before = match[1];
      if (/\bRFC\s*\d+/.test(before) || /\.md\b/.test(before)) continue;
      const section = match[0].slice(before.length);
      report(file, lineOf(match.index), `"${section}" cites a section without naming its document (docs/*.md, RFC n)`);
    }
  }
  return problems;
}

/**
 * Whether a path a file names is a file or folder of the repository: relative to the naming file,
 * or to the root (paths in code comments are written from the root).
 * @param {string} root
 * @param {Set<string>} inRepo
 * @param {string} dir the naming file's folder
 * @param {string} target
 */
function resolveInRepo(root, inRepo, dir, target) {
  for (const base of [dir, '.']) {
    const joined = path.posix.normalize(path.posix.join(base, target)).replace(/\/$/, '');
    if (joined.startsWith('../') || joined === '..') continue;
    if (inRepo.has(joined) || (existsSync(path.join(root, joined)) && [...inRepo].some((f) => f.startsWith(`${joined}/`)))) return true;
  }
  return false;
}
