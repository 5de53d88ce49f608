// The chaos test runs the built system (dist/) as real processes: no global test database,
// one test file at a time, generous timeouts (CHAOS_PROFILE=long runs several simulated days).
module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 30 * 60_000,
});
