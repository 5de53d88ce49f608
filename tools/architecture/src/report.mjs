// @ts-check

/** @typedef {{ key: string, message: string }} Problem  `key` names the problem in KNOWN_PROBLEMS */

/**
 * What a check reports: its problems that are not known, and the known problems it no longer
 * finds (fixed: their entries must go, so the list of known problems only shrinks).
 * @param {Problem[]} problems
 * @param {Map<string, string>} known key → why it passes for now
 * @returns {string[]}
 */
export function unexpected(problems, known) {
  const lines = problems.filter((p) => !known.has(p.key)).map((p) => p.message);
  for (const key of known.keys()) {
    if (!problems.some((p) => p.key === key))
      lines.push(`${key}: fixed; delete it from KNOWN_PROBLEMS (tools/architecture/src/known-problems.mjs)`);
  }
  return lines;
}
