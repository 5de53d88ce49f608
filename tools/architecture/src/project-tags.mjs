// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The tags the module boundaries of eslint.config.mjs are written for. Each project declares one
 * type and one scope in its project.json:
 * - type:app (apps/), type:lib (libs/), type:tool (tools/), type:test (test-only: tests and tools
 *   may load it, production code of apps and libs may not; libs/testing, tools/spotify-emulator);
 * - scope:<app> for an app, scope:shared for libs and test-only projects, scope:tools for tools.
 */
const TYPES = { apps: ['type:app'], libs: ['type:lib', 'type:test'], tools: ['type:tool', 'type:test'] };

/** The folder name of an app, as its scope (`apps/auth-service` is `scope:auth`). */
export function appScope(/** @type {string} */ dir) {
  return `scope:${dir.replace(/-(service|api)$/, '')}`;
}

/**
 * @param {string} root
 * @param {string[]} files repository files (see repoFiles)
 * @returns {{ key: string, message: string }[]} problems, keyed by project.json
 */
export function checkProjectTags(root, files) {
  /** @type {{ key: string, message: string }[]} */
  const problems = [];
  for (const file of files.filter((f) => /^(apps|libs|tools)\/[^/]+\/project\.json$/.test(f))) {
    const [kind, dir] = file.split('/');
    /** @type {{ tags?: unknown }} */
    const project = JSON.parse(readFileSync(path.join(root, file), 'utf8'));
    const tags = Array.isArray(project.tags) ? project.tags.map(String) : [];
    const types = tags.filter((t) => t.startsWith('type:'));
    const scopes = tags.filter((t) => t.startsWith('scope:'));
    const allowedTypes = TYPES[/** @type {keyof typeof TYPES} */ (kind)];
    if (types.length !== 1 || !allowedTypes.includes(types[0])) {
      problems.push({
        key: file,
        message: `${file}: needs one type tag, ${allowedTypes.join(' or ')} (has ${types.join(', ') || 'none'})`,
      });
    }
    const scope = kind === 'apps' ? appScope(dir) : types[0] === 'type:test' || kind === 'libs' ? 'scope:shared' : 'scope:tools';
    if (scopes.length !== 1 || scopes[0] !== scope) {
      problems.push({ key: file, message: `${file}: needs the scope tag ${scope} (has ${scopes.join(', ') || 'none'})` });
    }
  }
  return problems;
}
