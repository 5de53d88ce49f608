// The emulator needs no database: no PostgreSQL global setup.
module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, { globalSetup: undefined, globalTeardown: undefined });
