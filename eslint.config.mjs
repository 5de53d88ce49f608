import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import { TEST_GLOBS } from './tools/architecture/src/files.mjs';
import { appScope } from './tools/architecture/src/project-tags.mjs';

const EXT = '{ts,mts,cts,js,mjs,cjs}';
/** Source files of the projects (apps/, libs/, tools/). */
const CODE = [`{apps,libs,tools}/*/{src,test}/**/*.${EXT}`];
/** Test code (tools/architecture/src/files.mjs); everything else under apps/, libs/, tools/ is production code. */
const TEST_FILES = TEST_GLOBS.map((glob) => (glob.endsWith('/**') ? `${glob}/*.${EXT}` : glob));
const APP_SCOPES = readdirSync(new URL('./apps', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => appScope(entry.name));

/**
 * Module boundaries by project tags (project.json). Types: apps build on libs, libs on libs, tools
 * (npm start, benches, test suites, generators) on libs and tools. type:test marks test-only projects
 * (the Spotify emulator, libs/testing): tests may load them, production code of apps and libs may not;
 * tools may (demo mode of npm start runs the emulator). Scopes: shared code depends on shared code only,
 * an app on its own scope and shared code, tools on tools and shared code. Apps import no app at all.
 * tools/architecture/src/project-tags.mjs checks that every project declares its type and scope;
 * tools/architecture/test/boundaries.spec.ts lints fixtures against these rules.
 */
function boundaries({ testCode, allow = [] }) {
  const test = testCode ? ['type:test'] : [];
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow,
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', ...test] },
        { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', ...test] },
        { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:lib', 'type:test'] },
        { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:test', 'type:tool'] },
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:tools', 'scope:shared'] },
        ...APP_SCOPES.map((scope) => ({ sourceTag: scope, onlyDependOnLibsWithTags: [scope, 'scope:shared'] })),
      ],
    },
  ];
}

export default [
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      'bench/results/**',
      'apps/web/dist/**',
      'test-artifacts/**',
      'libs/contracts/src/openapi.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: CODE,
    rules: { '@nx/enforce-module-boundaries': boundaries({ testCode: false }) },
  },
  {
    // Production code of apps and libs never loads test code: specs, test/ and testing/ folders,
    // @rewind/testing, @nestjs/testing (the Spotify emulator is kept out by the type:test constraints).
    files: [`{apps,libs}/*/src/**/*.${EXT}`],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(test|testing)(/|$)|\\.(spec|test)$', message: 'Production code must not import test code.' }] },
      ],
    },
  },
  {
    // The benches time ingest-service's own job classes in-process (app code, not a library yet):
    // the one place a tool may reach into an app.
    files: ['tools/bench/src/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries({ testCode: false, allow: ['../../../apps/ingest-service/src/**'] }) },
  },
  {
    files: TEST_FILES.map((glob) => [...CODE, glob]),
    rules: { '@nx/enforce-module-boundaries': boundaries({ testCode: true }) },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // Tests read untyped JSON bodies; `any` there is honest, not a hole in production types.
    files: TEST_FILES,
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', globalThis: 'readonly', URL: 'readonly' } },
  },
];
