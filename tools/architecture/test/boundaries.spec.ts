import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './scratch';

/**
 * The module boundaries of eslint.config.mjs, proven on fixtures: source text linted as if it
 * were a file at the given path (no file is written), with the repository's ESLint configuration.
 */

interface Fixture {
  file: string;
  code: string;
}

/**
 * ESLint's Node API, in a process of its own: Jest cannot load eslint.config.mjs (an ES module)
 * itself. Returns, per fixture, its problems as `rule: message` (first line).
 */
function lint(fixtures: Fixture[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint();
    const out = [];
    for (const { file, code } of JSON.parse(process.argv[1])) {
      const [result] = await eslint.lintText(code, { filePath: file });
      out.push(result.messages.map((m) => m.ruleId + ': ' + m.message.split('\\n')[0]));
    }
    console.log(JSON.stringify(out));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(fixtures)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out) as string[][];
}

const emulator = "import { startEmulator } from '@rewind/spotify-emulator';\nexport const start = startEmulator;\n";
const notLib = 'A project tagged with "type:app" can only depend on libs tagged with "type:lib"';

const cases: { name: string; file: string; code: string; expect: string[] }[] = [
  // The Spotify emulator is test-only: no production file of an app or a lib may load it.
  { name: 'app source imports the emulator', file: 'apps/gateway/src/fixture.ts', code: emulator, expect: [notLib] },
  {
    name: 'app source imports an emulator type',
    file: 'apps/auth-service/src/fixture.ts',
    code: "import type { RunningEmulator } from '@rewind/spotify-emulator';\nexport type E = RunningEmulator;\n",
    expect: [notLib],
  },
  {
    name: 'app source loads the emulator with import()',
    file: 'apps/ingest-service/src/fixture.ts',
    code: "export const emulator = import('@rewind/spotify-emulator');\n",
    expect: [notLib],
  },
  {
    name: 'lib source imports the emulator',
    file: 'libs/spotify/src/fixture.ts',
    code: emulator,
    expect: ['A project tagged with "type:lib" can only depend on libs tagged with "type:lib"'],
  },
  {
    name: 'lib source reaches into the emulator by path',
    file: 'libs/spotify/src/fixture.ts',
    code: "import { World } from '../../../tools/spotify-emulator/src/world';\nexport const W = World;\n",
    expect: ['Projects cannot be imported by a relative or absolute path'],
  },
  // Tests may.
  { name: 'app spec imports the emulator', file: 'apps/gateway/src/fixture.spec.ts', code: emulator, expect: [] },
  { name: 'app test kit imports the emulator', file: 'apps/auth-service/src/testing/fixture.ts', code: emulator, expect: [] },
  { name: 'lib spec imports the emulator', file: 'libs/spotify/src/fixture.spec.ts', code: emulator, expect: [] },
  { name: 'suite under test/ imports the emulator', file: 'apps/web/test/fixture.ts', code: emulator, expect: [] },
  // Tools may: demo mode of npm start, benches.
  { name: 'npm start imports the emulator', file: 'tools/start/src/fixture.ts', code: emulator, expect: [] },
  // Production code loads no test code at all.
  {
    name: 'app source imports @rewind/testing',
    file: 'apps/stats-api/src/fixture.ts',
    code: "import { rng } from '@rewind/testing';\nexport const r = rng;\n",
    expect: [notLib, 'Production code must not import test code.'],
  },
  {
    name: 'app source imports its own test kit',
    file: 'apps/auth-service/src/fixture.ts',
    code: "import { kit } from './testing/auth-test-kit';\nexport const k = kit;\n",
    expect: ['Production code must not import test code.'],
  },
  // Layers: libs depend on libs only; apps and tools are not importable.
  {
    name: 'lib imports an app',
    file: 'libs/service-kit/src/fixture.ts',
    code: "import { AppModule } from '../../../apps/gateway/src/app.module';\nexport const A = AppModule;\n",
    expect: ['Projects cannot be imported by a relative or absolute path'],
  },
  {
    name: 'app imports another app',
    file: 'apps/stats-api/src/fixture.ts',
    code: "import { AppModule } from '../../gateway/src/app.module';\nexport const A = AppModule;\n",
    expect: ['Projects cannot be imported by a relative or absolute path'],
  },
  {
    name: 'lib imports a tool',
    file: 'libs/db/src/fixture.ts',
    code: "import { main } from '../../../tools/start/src/main';\nexport const m = main;\n",
    expect: ['Projects cannot be imported by a relative or absolute path'],
  },
  {
    name: 'app imports a lib',
    file: 'apps/gateway/src/fixture.ts',
    code: "import { x } from '@rewind/config';\nexport const y = x;\n",
    expect: [],
  },
  // The benches time ingest-service's job classes in-process: the one tool that reaches into an app.
  {
    name: 'bench imports ingest-service',
    file: 'tools/bench/src/fixture.ts',
    code: "import { PollingService } from '../../../apps/ingest-service/src/polling/polling.service';\nexport const P = PollingService;\n",
    expect: [],
  },
  {
    name: 'bench imports another app',
    file: 'tools/bench/src/fixture.ts',
    code: "import { AppModule } from '../../../apps/gateway/src/app.module';\nexport const A = AppModule;\n",
    expect: ['Projects cannot be imported by a relative or absolute path'],
  },
  {
    name: 'another tool imports ingest-service',
    file: 'tools/openapi/src/fixture.ts',
    code: "import { PollingService } from '../../../apps/ingest-service/src/polling/polling.service';\nexport const P = PollingService;\n",
    expect: ['Projects cannot be imported by a relative or absolute path'],
  },
];

let results: string[][];

beforeAll(() => {
  // The boundary rule reads Nx's cached project graph (npm run lint makes it the same way).
  const nx = path.join(path.dirname(require.resolve('nx/package.json')), 'dist/bin/nx.js');
  execFileSync(process.execPath, [nx, 'show', 'projects'], { cwd: ROOT, stdio: 'ignore' });
  results = lint(cases);
}, 120_000);

test.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
  const { expect: expected } = cases[i];
  const got = results[i].filter((m) => /^(@nx\/enforce-module-boundaries|no-restricted-imports):/.test(m));
  expect(got).toHaveLength(expected.length);
  expected.forEach((message) => expect(got.some((m) => m.includes(message))).toBe(true));
});
