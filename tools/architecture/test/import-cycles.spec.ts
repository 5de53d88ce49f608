import { checkImportCycles, findCycles, importGraph } from '../src/import-cycles.mjs';
import { unexpected } from '../src/report.mjs';
import { scratchRepo, unknownProblems } from './scratch';

const scratch = scratchRepo();
beforeEach(() =>
  scratch.tree({
    'tsconfig.base.json': JSON.stringify({ compilerOptions: { module: 'nodenext', paths: { '@x/lib': ['./libs/x/src/index.ts'] } } }),
  }),
);

test('the repository has no import cycle but the known ones', () => {
  expect(unknownProblems('import cycles', checkImportCycles)).toEqual([]);
});

test('a cycle through a type-only import, a re-export and a path alias is found', () => {
  const files = scratch.tree({
    'apps/a/src/main.ts': "import { helper } from './helper';\nhelper();\n",
    'apps/a/src/helper.ts': "export { thing } from './things/thing';\nexport function helper() {}\n",
    'apps/a/src/things/thing.ts': "import type { Options } from '@x/lib';\nexport const thing = (o: Options) => o;\n",
    'libs/x/src/index.ts': "export * from './options';\n",
    'libs/x/src/options.ts': "import type { helper } from '../../../apps/a/src/helper';\nexport type Options = typeof helper;\n",
    'libs/x/src/alone.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  });
  expect(checkImportCycles(scratch.dir, files)).toEqual([
    {
      key: 'apps/a/src/helper.ts -> apps/a/src/things/thing.ts -> libs/x/src/index.ts -> libs/x/src/options.ts -> apps/a/src/helper.ts',
      message:
        'import cycle: apps/a/src/helper.ts -> apps/a/src/things/thing.ts -> libs/x/src/index.ts -> libs/x/src/options.ts -> apps/a/src/helper.ts',
    },
  ]);
});

test('require(), import() and a file importing itself count; packages do not', () => {
  const files = scratch.tree({
    'tools/t/src/a.cjs': "const b = require('./b.cjs');\nmodule.exports = b;\n",
    'tools/t/src/b.cjs': "module.exports = () => import('./a.cjs');\n",
    'tools/t/src/self.ts': "import * as me from './self';\nimport ts from 'typescript';\nexport const x = [me, ts];\n",
  });
  expect(findCycles(importGraph(scratch.dir, files))).toEqual([
    ['tools/t/src/a.cjs', 'tools/t/src/b.cjs', 'tools/t/src/a.cjs'],
    ['tools/t/src/self.ts', 'tools/t/src/self.ts'],
  ]);
});

test('the shortest cycle of a tangle is shown', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c', 'a']],
    ['c', ['d']],
    ['d', ['a']],
  ]);
  expect(findCycles(graph)).toEqual([['a', 'b', 'a']]);
});

test('a known problem passes; a known problem that is gone fails', () => {
  const known = new Map([
    ['a -> b -> a', 'being reworked'],
    ['c -> d -> c', 'fixed meanwhile'],
  ]);
  expect(
    unexpected(
      [
        { key: 'a -> b -> a', message: 'import cycle: a -> b -> a' },
        { key: 'e -> e', message: 'import cycle: e -> e' },
      ],
      known,
    ),
  ).toEqual(['import cycle: e -> e', 'c -> d -> c: fixed; delete it from KNOWN_PROBLEMS (tools/architecture/src/known-problems.mjs)']);
});
