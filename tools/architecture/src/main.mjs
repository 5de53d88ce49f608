// @ts-check
/**
 * The architecture checks ESLint does not make, run by `npm run lint`:
 * `node tools/architecture/src/main.mjs`. Prints one line per problem; exits 1 if there is any.
 */
import path from 'node:path';
import { repoFiles } from './files.mjs';
import { KNOWN_PROBLEMS } from './known-problems.mjs';
import { checkProjectTags } from './project-tags.mjs';

/** @typedef {{ key: string, message: string }} Problem  `key` names the problem in KNOWN_PROBLEMS */

const root = path.resolve(import.meta.dirname, '../../..');
const files = repoFiles(root);
/** @type {Record<string, () => Problem[]>} */
const checks = {
  'project tags': () => checkProjectTags(root, files),
};

let failed = false;
for (const [name, check] of Object.entries(checks)) {
  const known = KNOWN_PROBLEMS[name] ?? new Map();
  const problems = check();
  const lines = problems.filter((p) => !known.has(p.key)).map((p) => p.message);
  for (const key of known.keys()) {
    if (!problems.some((p) => p.key === key))
      lines.push(`${key}: fixed; delete it from KNOWN_PROBLEMS (tools/architecture/src/known-problems.mjs)`);
  }
  if (lines.length === 0) continue;
  failed = true;
  console.error(`${name}:\n${lines.map((line) => `  ${line}`).join('\n')}`);
}
process.exit(failed ? 1 : 0);
