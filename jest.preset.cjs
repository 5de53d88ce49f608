// Shared Jest settings for every Nx project. NestJS 12 and a few other dependencies are
// ESM-only, so they are compiled to CommonJS by @swc/jest together with our own code.
const path = require('node:path');

const root = __dirname;
const esmOnly = [
  '@nestjs',
  'stream-json',
  'stream-chain',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  'p-retry',
  'is-network-error',
];

const libAliases = {};
for (const lib of ['config', 'contracts', 'db', 'health', 'models', 'observability', 'service-kit', 'spotify', 'supervisor', 'testing']) {
  libAliases[`^@rewind/${lib}$`] = path.join(root, 'libs', lib, 'src', 'index.ts');
}
libAliases['^@rewind/spotify-emulator$'] = path.join(root, 'tools', 'spotify-emulator', 'src', 'index.ts');

/** @param {string} projectDir absolute path of the project */
function projectConfig(projectDir, overrides = {}) {
  return {
    displayName: path.relative(root, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    transform: {
      '^.+\\.(t|j|mj)s$': [
        require.resolve('@swc/jest'),
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
            keepClassNames: true,
          },
          module: { type: 'commonjs' },
          sourceMaps: 'inline',
        },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
    moduleNameMapper: libAliases,
    globalSetup: path.join(root, 'libs/testing/src/global-setup.mjs'),
    globalTeardown: path.join(root, 'libs/testing/src/global-teardown.mjs'),
    testTimeout: 30000,
    ...overrides,
  };
}

module.exports = { projectConfig };
