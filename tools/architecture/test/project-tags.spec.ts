import path from 'node:path';
import { isTestFile, repoFiles } from '../src/files.mjs';
import { checkProjectTags } from '../src/project-tags.mjs';
import { ROOT, scratchRepo } from './scratch';

const scratch = scratchRepo();

function project(file: string, tags: string[] | undefined): string {
  return scratch.tree({ [file]: JSON.stringify({ name: path.basename(path.dirname(file)), tags }) })[0];
}

test('every project of the repository declares its type and scope', () => {
  expect(checkProjectTags(ROOT, repoFiles(ROOT))).toEqual([]);
});

test('a project needs one type tag of its folder and the scope of its kind', () => {
  const files = [
    project('apps/auth-service/project.json', ['type:app', 'scope:auth']),
    project('apps/stats-api/project.json', ['type:app', 'scope:shared']),
    project('apps/gateway/project.json', ['type:lib', 'scope:gateway']),
    project('libs/db/project.json', ['type:lib', 'scope:shared']),
    project('libs/testing/project.json', ['type:test', 'scope:shared']),
    project('libs/config/project.json', undefined),
    project('tools/start/project.json', ['type:tool', 'scope:tools']),
    project('tools/spotify-emulator/project.json', ['type:test', 'scope:shared']),
    project('tools/bench/project.json', ['type:tool', 'type:test', 'scope:tools']),
  ];
  expect(checkProjectTags(scratch.dir, files).map((p) => p.message)).toEqual([
    'apps/stats-api/project.json: needs the scope tag scope:stats (has scope:shared)',
    'apps/gateway/project.json: needs one type tag, type:app (has type:lib)',
    'libs/config/project.json: needs one type tag, type:lib or type:test (has none)',
    'libs/config/project.json: needs the scope tag scope:shared (has none)',
    'tools/bench/project.json: needs one type tag, type:tool or type:test (has type:tool, type:test)',
  ]);
});

test('test code: specs, test/ and testing/ folders', () => {
  expect(isTestFile('apps/gateway/src/gateway.spec.ts')).toBe(true);
  expect(isTestFile('apps/web/test/dashboard.e2e.spec.ts')).toBe(true);
  expect(isTestFile('apps/auth-service/src/testing/auth-test-kit.ts')).toBe(true);
  expect(isTestFile('libs/testing/src/database.ts')).toBe(true);
  expect(isTestFile('apps/gateway/src/main.ts')).toBe(false);
  expect(isTestFile('libs/models/src/runner/data-tests.ts')).toBe(false);
  expect(isTestFile('libs/models/tests/no_future_plays.sql')).toBe(false);
});
