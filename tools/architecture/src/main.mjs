// @ts-check
/**
 * The architecture checks ESLint does not make, run by `npm run lint`:
 * `node tools/architecture/src/main.mjs`. Prints one line per problem; exits 1 if there is any.
 */
import path from 'node:path';
import { checkFileLength } from './file-length.mjs';
import { repoFiles } from './files.mjs';
import { checkImportCycles } from './import-cycles.mjs';
import { KNOWN_PROBLEMS } from './known-problems.mjs';
import { checkOutsideReferences } from './outside-references.mjs';
import { checkProjectTags } from './project-tags.mjs';
import { unexpected } from './report.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const files = repoFiles(root);
/** @type {Record<string, () => import('./report.mjs').Problem[]>} */
const checks = {
  'project tags': () => checkProjectTags(root, files),
  'import cycles': () => checkImportCycles(root, files),
  'file length': () => checkFileLength(root, files),
  'references outside the repository': () => checkOutsideReferences(root, files),
};

let failed = false;
for (const [name, check] of Object.entries(checks)) {
  const lines = unexpected(check(), KNOWN_PROBLEMS[name] ?? new Map());
  if (lines.length === 0) continue;
  failed = true;
  console.error(`${name}:\n${lines.map((line) => `  ${line}`).join('\n')}`);
}
process.exit(failed ? 1 : 0);
